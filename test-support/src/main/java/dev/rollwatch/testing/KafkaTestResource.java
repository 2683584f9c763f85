package dev.rollwatch.testing;

import dev.rollwatch.events.access.KafkaAccess;
import dev.rollwatch.testing.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Points the application under test at this JVM's real Kafka broker, logged in as its own service's
 * Kafka user: the one named as its {@code quarkus.application.name}, with exactly the ACLs of the
 * access table ({@link KafkaAccess}), so a service that publishes or reads what it does not own fails
 * its tests as it would fail in production. An application that is not a service (the eventing
 * library's test app) names the user to log in as with the init arg {@value #PRINCIPAL}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PRINCIPAL = "principal";

    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get(PRINCIPAL);
    }

    @Override
    public Map<String, String> start() {
        String user = principal != null ? principal : serviceUser();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
        KafkaBroker.clientConfig(user).forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }

    /** The service's own user: its application name, which must be a principal of the access table. */
    private static String serviceUser() {
        Properties properties = new Properties();
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = properties.getProperty("quarkus.application.name");
        if (name == null) {
            throw new IllegalStateException("No quarkus.application.name to pick the Kafka user by; set the "
                    + PRINCIPAL + " init arg of KafkaTestResource");
        }
        return KafkaAccess.standard().principal(name).name();
    }

    @Override
    public void stop() {
        // The broker lives as long as the JVM: Quarkus restarts between test profiles must not lose it.
    }
}
