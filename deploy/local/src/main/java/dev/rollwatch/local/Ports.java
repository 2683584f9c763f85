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
