package dev.rollwatch.local;

import java.io.IOException;
import java.net.ServerSocket;

final class Ports {

    private Ports() {}

    /** Fails with a message saying how to choose another port when {@code port} is taken. */
    static int requireFree(int port, String what, String variable) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + what + " is taken. Stop what uses it or set "
                    + variable + " to another port.");
        }
    }

    /**
     * A port nothing listens on now, chosen by the operating system: for a process whose port nobody
     * types (another instance's management port), taken by that process within seconds.
     */
    static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for another instance: " + e.getMessage(), e);
        }
    }

    static int fromEnv(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " must be a port number, not '" + value + "'");
        }
    }
}
