package dev.rollwatch.events.access;

import dev.rollwatch.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may do what on Kafka, read from {@code kafka/access.properties}: the one table every broker
 * Rollwatch runs on (tests, the local system, Kubernetes) is built from or checked against. Plain
 * Java so that each of them can turn it into its own form (Kafka's AclBindings, Strimzi KafkaUsers).
 */
public final class KafkaAccess {

    /** Where the table lives on the classpath. */
    public static final String RESOURCE = "kafka/access.properties";

    public enum ResourceType {
        TOPIC,
        GROUP
    }

    public enum PatternType {
        LITERAL,
        PREFIXED
    }

    public enum Operation {
        READ,
        WRITE
    }

    /** One allowed operation of one principal on one resource (the shape of a Kafka ACL). */
    public record Grant(
            String principal, ResourceType resourceType, String name, PatternType patternType, Operation operation) {}

    /** One service's Kafka user and what it is allowed. */
    public record Principal(
            String name, Set<String> produces, Set<String> consumes, Set<String> groups, Set<String> groupPrefixes) {

        /**
         * Every topic it may write: what it produces, and the dead-letter topic of each topic it consumes
         * (its consumers dead-letter what they cannot read). release.status has no dead-letter topic.
         */
        public Set<String> writes() {
            Set<String> writes = new TreeSet<>(produces);
            consumes.stream()
                    .filter(topic -> !topic.equals(Topics.RELEASE_STATUS))
                    .map(Topics::deadLetter)
                    .forEach(writes::add);
            return Collections.unmodifiableSet(writes);
        }

        public List<Grant> grants() {
            List<Grant> grants = new ArrayList<>();
            writes().forEach(t ->
                    grants.add(new Grant(name, ResourceType.TOPIC, t, PatternType.LITERAL, Operation.WRITE)));
            consumes.forEach(
                    t -> grants.add(new Grant(name, ResourceType.TOPIC, t, PatternType.LITERAL, Operation.READ)));
            groups.forEach(
                    g -> grants.add(new Grant(name, ResourceType.GROUP, g, PatternType.LITERAL, Operation.READ)));
            groupPrefixes.forEach(
                    g -> grants.add(new Grant(name, ResourceType.GROUP, g, PatternType.PREFIXED, Operation.READ)));
            return List.copyOf(grants);
        }
    }

    private final List<Principal> principals;

    private KafkaAccess(List<Principal> principals) {
        this.principals = List.copyOf(principals);
    }

    /** The table shipped in this jar. */
    public static KafkaAccess standard() {
        try (InputStream in = KafkaAccess.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties table = new Properties();
            table.load(in);
            return parse(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaAccess parse(Properties table) {
        Set<String> names = new TreeSet<>();
        for (String key : table.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("Not <principal>.<what>: " + key);
            }
            String what = key.substring(dot + 1);
            if (!Set.of("produces", "consumes", "groups", "group-prefixes").contains(what)) {
                throw new IllegalArgumentException("Unknown entry " + key);
            }
            names.add(key.substring(0, dot));
        }
        List<Principal> principals = names.stream()
                .map(name -> new Principal(
                        name,
                        list(table, name + ".produces"),
                        list(table, name + ".consumes"),
                        list(table, name + ".groups"),
                        list(table, name + ".group-prefixes")))
                .toList();
        return new KafkaAccess(principals);
    }

    private static Set<String> list(Properties table, String key) {
        String value = table.getProperty(key, "");
        Set<String> values = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Collections.unmodifiableSet(values);
    }

    public List<Principal> principals() {
        return principals;
    }

    public Principal principal(String name) {
        return principals.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka principal " + name + " in " + RESOURCE
                        + "; known: " + principals.stream().map(Principal::name).toList()));
    }

    /** Every ACL of every principal. */
    public List<Grant> grants() {
        return principals.stream().flatMap(p -> p.grants().stream()).toList();
    }

    /** Every topic some principal writes or reads: what a broker must create. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        principals.forEach(p -> {
            topics.addAll(p.writes());
            topics.addAll(p.consumes());
        });
        return Collections.unmodifiableSet(topics);
    }
}
