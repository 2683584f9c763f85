package dev.rollwatch.executor.it;

import dev.rollwatch.kubernetes.strict.StrictCrudDispatcher;
import dev.rollwatch.kubernetes.strict.StrictMixedDispatcher;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The mock API server of the executor's tests, strict as a real API server (see
 * {@link StrictCrudDispatcher}): an object Rollwatch writes that a real server would refuse fails the
 * test. Otherwise what Quarkus' {@code KubernetesServerTestResource} gives (CRUD with a test's
 * expectations first, the same client settings); a test injects the server with
 * {@code @KubernetesTestServer KubernetesMockServer server}.
 */
public class StrictKubernetesServerTestResource implements QuarkusTestResourceLifecycleManager {

    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;

    @Override
    public Map<String, String> start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                // fabric8's Context, not the one of QuarkusTestResourceLifecycleManager.
                new io.fabric8.mockwebserver.Context(),
                new MockWebServer(),
                responses,
                new StrictMixedDispatcher(responses, StrictCrudDispatcher.withSchemas(List.of())),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        Map<String, String> config = new HashMap<>();
        config.put("kubernetes.trust.certificates", "true");
        config.put("quarkus.tls.trust-all", "true");
        config.put("kubernetes.auth.tryKubeConfig", "false");
        config.put("kubernetes.auth.tryServiceAccount", "false");
        config.put("kubernetes.namespace", "test");
        config.put("http2.disable", "true");
        config.put("kubernetes.master", client.getConfiguration().getMasterUrl());
        // As Quarkus' own test resource does: fabric8 clients built outside the application read these too.
        config.forEach(System::setProperty);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(KubernetesTestServer.class, KubernetesMockServer.class));
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
