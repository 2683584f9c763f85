package dev.rollwatch.kafka.access;

import dev.rollwatch.events.access.KafkaAccess;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The access table applied to a running broker through Kafka's Admin API: SCRAM users, one ALLOW ACL
 * per grant, and the settings a client logs in with. The local system's broker and the tests' broker
 * both use it, so neither can drift from the table Strimzi's KafkaUsers are checked against.
 */
public final class BrokerAccess {

    /** What every Rollwatch service logs in with. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private static final int SCRAM_ITERATIONS = 4096;
    private static final Duration LOGIN_ATTEMPT = Duration.ofSeconds(5);
    private static final Duration BETWEEN_LOGIN_ATTEMPTS = Duration.ofMillis(100);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerAccess() {}

    /** The access table as Kafka ACLs: one ALLOW per grant, for the grant's user from any host. */
    public static List<AclBinding> aclBindings(KafkaAccess access) {
        return access.grants().stream()
                .map(grant -> allow(
                        ResourceType.valueOf(grant.resourceType().name()),
                        grant.name(),
                        PatternType.valueOf(grant.patternType().name()),
                        grant.principal(),
                        AclOperation.valueOf(grant.operation().name())))
                .toList();
    }

    /** {@code operation} on every resource of {@code type}: for observers and test clients, never a service. */
    public static AclBinding allowOnEvery(ResourceType type, String user, AclOperation operation) {
        return allow(type, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, user, operation);
    }

    /** A random password for a generated user; never logged. */
    public static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user for each entry of user → password. */
    public static void upsertScramUsers(Admin admin, Map<String, String> passwords, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserScramCredentialUpsertion> credentials = passwords.entrySet().stream()
                .map(user -> new UserScramCredentialUpsertion(
                        user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        user.getValue()))
                .toList();
        admin.alterUserScramCredentials(List.copyOf(credentials)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The client settings that log in as {@code user}: SCRAM for a service, PLAIN for a super user
     * fixed in the broker's own configuration (a SCRAM user can only be created once the broker runs).
     */
    public static Map<String, String> saslLogin(String user, String password, boolean plain) {
        String module = plain
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                plain ? "PLAIN" : SCRAM_MECHANISM,
                "sasl.jaas.config",
                jaas(module, user, password));
    }

    /** A JAAS line for a login module; the password is quoted, never printed. */
    public static String jaas(String module, String user, String password) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /**
     * Waits until {@code user} can log in. A new SCRAM user reaches the broker through the metadata
     * log, a moment after the Admin call returns; a client started before that fails authentication.
     */
    public static void awaitLogin(String bootstrapServers, String user, Map<String, String> login, Duration timeout) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LOGIN_ATTEMPT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) LOGIN_ATTEMPT.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().clusterId().get(LOGIN_ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka user " + user, e);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "Kafka user " + user + " could not log in within " + timeout.toSeconds() + "s", e);
                }
                LockSupport.parkNanos(BETWEEN_LOGIN_ATTEMPTS.toNanos());
            }
        }
    }

    private static AclBinding allow(
            ResourceType type, String name, PatternType pattern, String user, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
