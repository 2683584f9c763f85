package dev.rollwatch.benchmarks.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for everything the benchmark starts, so it never collides with a local system or a
 * system test running on the usual ports. A port is free when it can be bound now; the few
 * milliseconds until its owner binds it are a race we accept (the local system then fails with a
 * clear "port taken" message).
 */
public final class FreePorts {

    private static final int ATTEMPTS = 200;
    private final Set<Integer> handedOut = new HashSet<>();

    /** Any free port. */
    public int any() {
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot bind any local port: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("No free port found");
    }

    /** {@code count} consecutive free ports (the services take consecutive ports), returning the first. */
    public int consecutive(int count, int from, int to) {
        return matching(
                from,
                to,
                base -> {
                    for (int i = 0; i < count; i++) {
                        if (!isFree(base + i)) {
                            return false;
                        }
                    }
                    return true;
                },
                count,
                1);
    }

    /** A free port whose partner {@code offset} above is free too (Kafka's controller takes port + 10000). */
    public int withPartner(int offset, int from, int to) {
        return matching(from, to, base -> isFree(base) && isFree(base + offset), 1, offset);
    }

    private interface Check {
        boolean test(int base);
    }

    private int matching(int from, int to, Check check, int count, int partnerOffset) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int base = ThreadLocalRandom.current().nextInt(from, to);
            if (check.test(base)) {
                for (int p = 0; p < count; p++) {
                    handedOut.add(base + p);
                }
                handedOut.add(base + partnerOffset);
                return base;
            }
        }
        throw new IllegalStateException("No free ports between " + from + " and " + to);
    }

    private boolean isFree(int port) {
        if (handedOut.contains(port)) {
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
