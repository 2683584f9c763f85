package dev.rollwatch.events.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Topics;
import dev.rollwatch.events.access.KafkaAccess.Principal;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The access table against the code it describes: every service's channels (its application.properties)
 * are exactly the topics it may read, and each topic has the producers the architecture names. A new
 * channel or a new publisher that is not in the table fails here, before a broker refuses it.
 */
class KafkaAccessTest {

    private static final List<String> SERVICES = List.of(
            "release-service", "executor-service", "health-monitor-service", "rollback-service", "notifier-service");

    private final KafkaAccess access = KafkaAccess.standard();

    @Test
    void everyServiceIsAPrincipalAndNothingElseIs() {
        assertThat(access.principals()).extracting(Principal::name).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void eachServiceReadsExactlyTheTopicsOfItsChannelsWithItsOwnGroup() throws IOException {
        for (String service : SERVICES) {
            Properties config = applicationProperties(service);
            Set<String> channelTopics = new TreeSet<>();
            Set<String> deadLetters = new TreeSet<>();
            config.stringPropertyNames().forEach(key -> {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                    deadLetters.add(config.getProperty(key));
                } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    channelTopics.add(config.getProperty(key));
                }
            });
            Principal principal = access.principal(service);
            assertThat(config.getProperty("quarkus.application.name")).isEqualTo(service);
            assertThat(principal.consumes()).as(service).containsExactlyInAnyOrderElementsOf(channelTopics);
            assertThat(principal.writes()).as(service + " dead-letter topics").containsAll(deadLetters);
            assertThat(principal.groups()).as(service).containsExactly(service);
        }
    }

    @Test
    void theStatusFeedsPerInstanceGroupIsCoveredByThePrefixedGroup() throws IOException {
        String group =
                applicationProperties("release-service").getProperty("mp.messaging.incoming.status-feed.group.id");
        Set<String> prefixes = access.principal("release-service").groupPrefixes();
        assertThat(prefixes)
                .singleElement()
                .satisfies(prefix -> assertThat(group).startsWith(prefix));
    }

    @Test
    void eachTopicHasTheProducersTheArchitectureNames() {
        Map<String, Set<String>> producers = new TreeMap<>();
        access.principals()
                .forEach(p -> p.produces()
                        .forEach(topic -> producers
                                .computeIfAbsent(topic, t -> new TreeSet<>())
                                .add(p.name())));
        assertThat(producers)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Topics.RELEASE_REQUESTED,
                        Set.of("release-service"),
                        Topics.RELEASE_STATUS,
                        Set.of("release-service"),
                        Topics.STEP_COMPLETED,
                        Set.of("executor-service"),
                        Topics.HEALTH_DEGRADED,
                        Set.of("health-monitor-service"),
                        Topics.HEALTH_PASSED,
                        Set.of("health-monitor-service"),
                        Topics.HEALTH_WARNING,
                        Set.of("health-monitor-service"),
                        Topics.ROLLBACK_TRIGGERED,
                        Set.of("rollback-service"),
                        Topics.ROLLBACK_NOTICE,
                        Set.of("rollback-service"),
                        Topics.RELEASE_COMMANDS,
                        Set.of("release-service", "health-monitor-service", "rollback-service"),
                        "notifications.dlq",
                        Set.of("notifier-service")));
    }

    @Test
    void noPrincipalWritesATopicItNeitherProducesNorDeadLetters() {
        for (Principal principal : access.principals()) {
            Set<String> deadLetters = principal.consumes().stream()
                    .filter(topic -> !topic.equals(Topics.RELEASE_STATUS))
                    .map(Topics::deadLetter)
                    .collect(Collectors.toSet());
            assertThat(principal.writes())
                    .as(principal.name())
                    .allMatch(topic -> principal.produces().contains(topic) || deadLetters.contains(topic));
        }
    }

    private static Properties applicationProperties(String service) throws IOException {
        Path file = Path.of("..", service, "src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
