package dev.rollwatch.healthmonitor.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The installation's Prometheus allow-list is fixed at start, and the tests' Prometheus servers start
 * later: their ports are chosen here, before the monitor starts, and allowed
 * ({@code rollwatch.health.prometheus.allowed-addresses}). {@link #address(int)} hands them out.
 */
public class ReservedPrometheusPorts implements QuarkusTestResourceLifecycleManager {

    private static final String PROPERTY = "rollwatch.test.prometheus-ports";
    public static final int COUNT = 3;

    @Override
    public Map<String, String> start() {
        String ports = System.getProperty(PROPERTY);
        if (ports == null) {
            List<String> reserved = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                reserved.add(String.valueOf(freePort()));
            }
            ports = String.join(",", reserved);
            System.setProperty(PROPERTY, ports);
        }
        return Map.of(
                "rollwatch.health.prometheus.allowed-addresses",
                List.of(ports.split(",")).stream()
                        .map(p -> "http://127.0.0.1:" + p)
                        .collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {}

    /** The i-th allowed port (0 to COUNT - 1). */
    public static int port(int i) {
        String ports = System.getProperty(PROPERTY);
        if (ports == null) {
            throw new IllegalStateException("ReservedPrometheusPorts has not started");
        }
        return Integer.parseInt(ports.split(",")[i]);
    }

    public static String address(int i) {
        return "http://127.0.0.1:" + port(i);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
