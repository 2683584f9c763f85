package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rollwatch.healthmonitor.source.BoundedHttp;
import dev.rollwatch.healthmonitor.source.Failures;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One scrape against a real local HTTP server: what an endpoint serves is read up to the installation's
 * limit and no further, an error page or a redirect is never read or followed, and the page is parsed off
 * the event loop.
 */
class ScraperTest {

    private static final long LIMIT = 1024 * 1024;
    private static final String SECRET = "db_password=hunter2";

    private Vertx vertx;
    private HttpServer server;
    private Scraper scraper;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicBoolean streamEnded = new AtomicBoolean();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        scraper = new Scraper(new BoundedHttp(vertx), Duration.ofSeconds(10), LIMIT);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/metrics", exchange -> {
            byte[] page = "http_server_requests_seconds_count{status=\"200\",uri=\"/work\"} 7\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.createContext("/endless", exchange -> {
            // 1 GiB of metric-looking lines, chunked: no length to refuse it by.
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "up 1\n".repeat(13_000).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (bytesSent.get() < 1L << 30) {
                    out.write(chunk);
                    bytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // The scraper hung up: what the test expects.
            } finally {
                streamEnded.set(true);
            }
        });
        server.createContext("/announced", exchange -> {
            long length = 64L * 1024 * 1024;
            exchange.sendResponseHeaders(200, length);
            byte[] chunk = "up 1\n".repeat(13_000).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (bytesSent.get() + chunk.length <= length) {
                    out.write(chunk);
                    out.flush();
                    bytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // The scraper hung up: what the test expects.
            } finally {
                streamEnded.set(true);
            }
        });
        server.createContext("/forbidden", exchange -> {
            byte[] body = ("<html>404 Not Found " + SECRET + "</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/secret", exchange -> {
            byte[] body = SECRET.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/internal"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/internal", exchange -> {
            redirectTargetHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private String failure(String path) {
        Throwable failure = scraper.scrape(url(path))
                .onItem()
                .transform(samples -> (Throwable) null)
                .onFailure()
                .recoverWithItem(e -> e)
                .await()
                .atMost(Duration.ofSeconds(30));
        assertThat(failure).as("the scrape of " + path + " fails").isNotNull();
        return Failures.describe(url(path), failure);
    }

    @Test
    void anEndlessPageIsAFailedScrapeThatStopsReadingAtTheLimit() {
        assertThat(failure("/endless")).endsWith(": answered more than 1 MiB, the installation's limit");

        await("the endpoint sees the scraper hang up")
                .atMost(Duration.ofSeconds(20))
                .untilTrue(streamEnded);
        // What the server wrote before its writes failed: the limit plus what the sockets buffer, not 1 GiB.
        assertThat(bytesSent.get()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aPageAnnouncedLargerThanTheLimitIsNotRead() {
        assertThat(failure("/announced")).endsWith(": answered more than 1 MiB, the installation's limit");

        await("the endpoint sees the scraper hang up")
                .atMost(Duration.ofSeconds(20))
                .untilTrue(streamEnded);
        assertThat(bytesSent.get()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void anErrorPageIsNamedByItsStatusAndNeverRead() {
        assertThat(failure("/forbidden")).isEqualTo(url("/forbidden") + ": answered HTTP 404");
    }

    @Test
    void aPageThatIsNotMetricsIsNamedByItsLineNeverQuoted() {
        String why = failure("/secret");

        assertThat(why).isEqualTo(url("/secret") + ": metrics exposition line 1: a sample's value is not a number");
        assertThat(why).doesNotContain("hunter2", "password");
    }

    @Test
    void aRedirectIsNotFollowed() {
        assertThat(failure("/moved")).isEqualTo(url("/moved") + ": answered HTTP 302");
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void thePageIsParsedOffTheEventLoop() {
        AtomicReference<Boolean> onEventLoop = new AtomicReference<>();

        List<ExpositionParser.Sample> samples = scraper.scrape(url("/metrics"))
                .invoke(s -> onEventLoop.set(Context.isOnEventLoopThread()))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(samples).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(7));
        assertThat(onEventLoop.get())
                .as("parsed and delivered on the event loop")
                .isFalse();
    }
}
