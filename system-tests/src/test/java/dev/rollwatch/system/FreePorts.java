package dev.rollwatch.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nobody listens on, so the system tests run beside a local system or another build. A port is
 * handed out once per JVM: the ports of one local system are all chosen before any part of it starts,
 * so a port only checked for a listener could be given to PostgreSQL and then again to a service.
 */
final class FreePorts {

    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

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
                for (int i = 0; i < count; i++) {
                    GIVEN.add(base + i);
                }
                if (alsoPlus > 0) {
                    GIVEN.add(base + alsoPlus);
                }
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + count + " ports");
    }

    private static boolean isFree(int port) {
        if (GIVEN.contains(port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
