package dev.rollwatch.kafka.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Topics;
import dev.rollwatch.events.access.KafkaAccess;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.junit.jupiter.api.Test;

class BrokerAccessTest {

    /** Each service gets what the access table says, for its own user only, and nothing is denied by accident. */
    @Test
    void grantsEachServiceTheAccessTablesAclsAndNothingMore() {
        KafkaAccess access = KafkaAccess.standard();
        var bindings = BrokerAccess.aclBindings(access);
        assertThat(bindings).hasSameSizeAs(access.grants());
        assertThat(bindings).allMatch(b -> b.entry().permissionType() == AclPermissionType.ALLOW);
        assertThat(bindings)
                .filteredOn(b -> b.entry().principal().equals("User:executor-service")
                        && b.entry().operation() == AclOperation.WRITE)
                .extracting(b -> b.pattern().name())
                .contains(Topics.STEP_COMPLETED)
                .doesNotContain(Topics.HEALTH_DEGRADED, Topics.RELEASE_REQUESTED, Topics.RELEASE_COMMANDS);
    }

    @Test
    void aServiceLogsInWithScramAndOnlyTheBrokersOwnSuperUserWithPlain() {
        assertThat(BrokerAccess.saslLogin("executor-service", "secret", false))
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .hasEntrySatisfying(
                        "sasl.jaas.config",
                        jaas -> assertThat(jaas)
                                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                                .contains("username=\"executor-service\""));
        assertThat(BrokerAccess.saslLogin("admin", "secret", true)).containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void everyGeneratedPasswordIsNew() {
        assertThat(BrokerAccess.newPassword()).hasSize(48).isNotEqualTo(BrokerAccess.newPassword());
    }
}
