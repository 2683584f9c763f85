package dev.rollwatch.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports nobody listens on, so the system tests run beside a local system or another build. */
final class FreePorts {

    private FreePorts() {}

    /** The first port of {@code count} consecutive free ones (and, if {@code alsoPlus} > 0, port + alsoPlus free). */
    static int block(int count, int alsoPlus) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = isFree(base + i);
            }
            if (free && (alsoPlus == 0 || isFree(base + alsoPlus))) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + count + " ports");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
