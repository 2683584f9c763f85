package dev.rollwatch.kubernetes.strict;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The strict server finds objects by name through its index: it must answer exactly what fabric8's own
 * CRUD server answers by scanning, whatever the sequence of writes. Both are driven through a real client
 * with the same random creates, replaces, patches and deletes over a few names, namespaces and labels.
 */
class NamedObjectsTest {

    private static final List<String> NAMESPACES = List.of("shop", "bench");
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    @Test
    void answersEveryReadByNameAndEveryListAsFabric8sScanDoes() {
        try (Server scanning = new Server(new KubernetesCrudDispatcher());
                Server indexed = new Server(new StrictCrudDispatcher(List.of(), Optional.empty()))) {
            Random random = new Random(42);
            for (int step = 0; step < 600; step++) {
                String namespace = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
                String name = NAMES.get(random.nextInt(NAMES.size()));
                int operation = random.nextInt(4);
                String label = "v" + random.nextInt(3);
                assertThat(indexed.write(operation, namespace, name, label))
                        .as("step %d: %s %s/%s", step, operation, namespace, name)
                        .isEqualTo(scanning.write(operation, namespace, name, label));
                for (String ns : NAMESPACES) {
                    for (String n : NAMES) {
                        assertThat(indexed.read(ns, n))
                                .as("step %d: %s/%s", step, ns, n)
                                .isEqualTo(scanning.read(ns, n));
                    }
                    assertThat(indexed.list(ns, label))
                            .as("step %d: list", step)
                            .isEqualTo(scanning.list(ns, label));
                }
            }
        }
    }

    @Test
    void aClusterScopedObjectIsStillFoundByItsName() {
        try (Server indexed = new Server(new StrictCrudDispatcher(List.of(), Optional.empty()))) {
            indexed.client
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("bench")
                            .endMetadata()
                            .build())
                    .create();

            assertThat(indexed.client.namespaces().withName("bench").get()).isNotNull();
            assertThat(indexed.client.namespaces().withName("other").get()).isNull();
        }
    }

    /** A CRUD server and its client; reads and writes reduced to what a comparison needs. */
    private static final class Server implements AutoCloseable {
        private final KubernetesMockServer server;
        private final KubernetesClient client;

        Server(Dispatcher dispatcher) {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
            server.init(InetAddress.getLoopbackAddress(), 0);
            client = server.createClient();
        }

        /** Create, replace, patch (a label) or delete; the outcome as a status code. */
        int write(int operation, String namespace, String name, String label) {
            var resource = client.configMaps().inNamespace(namespace).withName(name);
            try {
                switch (operation) {
                    case 0 ->
                        client.configMaps()
                                .inNamespace(namespace)
                                .resource(configMap(namespace, name, label))
                                .create();
                    case 1 ->
                        client.configMaps()
                                .inNamespace(namespace)
                                .resource(configMap(namespace, name, label))
                                .update();
                    case 2 ->
                        resource.edit(map -> new ConfigMapBuilder(map)
                                .editMetadata()
                                .addToLabels("version", label)
                                .endMetadata()
                                .build());
                    default -> {
                        return resource.delete().isEmpty() ? 404 : 200;
                    }
                }
                return 200;
            } catch (KubernetesClientException e) {
                return e.getCode();
            }
        }

        /** The object's labels and data, or null when there is none. */
        String read(String namespace, String name) {
            ConfigMap map =
                    client.configMaps().inNamespace(namespace).withName(name).get();
            return map == null ? null : map.getMetadata().getLabels() + " " + map.getData();
        }

        List<String> list(String namespace, String label) {
            return client.configMaps().inNamespace(namespace).withLabel("version", label).list().getItems().stream()
                    .map(map -> map.getMetadata().getName() + map.getData())
                    .sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }

        private static ConfigMap configMap(String namespace, String name, String label) {
            return new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels("version", label)
                    .endMetadata()
                    .withData(Map.of("written", label))
                    .build();
        }

        @Override
        public void close() {
            client.close();
            server.destroy();
        }
    }
}
