package dev.rollwatch.healthmonitor.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an attacker would point the monitor at: a service inside the cluster that must not be read
 * through it. Every path answers {@link #SECRET}: {@code /secret} as a 200 page, {@code /missing} as
 * a 404 page (another service's error page), {@code /endless} as a page that never ends; it counts
 * the requests it got.
 */
public final class InternalService implements AutoCloseable {

    public static final String SECRET = "db_password=hunter2-s3cr3t";

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    private InternalService(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            try (OutputStream out = exchange.getResponseBody()) {
                if (path.startsWith("/endless")) {
                    exchange.sendResponseHeaders(200, 0);
                    byte[] chunk = "up 1\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
                    for (long sent = 0; sent < 1L << 30; sent += chunk.length) {
                        out.write(chunk);
                    }
                    return;
                }
                byte[] body = ("{\"status\":\"error\",\"errorType\":\"" + SECRET + "\",\"error\":\"" + SECRET
                                + "\"} <html>" + SECRET + "</html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(path.startsWith("/missing") ? 404 : 200, body.length);
                out.write(body);
            } catch (IOException e) {
                // The monitor hung up, as it should on an endless page.
            }
        });
        server.setExecutor(handlers);
        server.start();
    }

    /** On a free port of 127.0.0.1 (the loopback pod's address in the tests). */
    public static InternalService start() {
        return start("127.0.0.1", 0);
    }

    public static InternalService start(String host, int port) {
        try {
            return new InternalService(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + path;
    }

    public String address() {
        return url("");
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
