package dev.rollwatch.notifier.outbound;

import dev.rollwatch.notifier.config.NotifierConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Objects;

/**
 * Every outgoing call of the notifier: the URL is checked against the {@link UrlPolicy} before each
 * attempt, and a redirect is followed only when it keeps the method (307/308) and its target passes
 * the same check. Credentials and webhook signatures never follow a redirect to another origin.
 */
@ApplicationScoped
public class Outbound {

    private final HttpExchange exchange;
    private final UrlPolicy policy;
    private final int maxRedirects;

    Outbound(HttpExchange exchange, NotifierConfig config) {
        this.exchange = exchange;
        this.policy = new UrlPolicy(
                config.outbound().allowHttp(),
                config.outbound().allowLoopback(),
                config.outbound().allowPrivateNetworks());
        this.maxRedirects = config.outbound().maxRedirects();
    }

    public UrlPolicy policy() {
        return policy;
    }

    /**
     * Sends the request. Fails with {@link UrlRefusedException} when a URL (the first or a redirect's)
     * must not be called, {@link ConnectFailedException} or {@link ExchangeFailedException} when the
     * exchange broke; every HTTP answer, including errors and other redirects, is an item.
     */
    public Uni<HttpReply> send(HttpRequest request) {
        return send(request, 0);
    }

    private Uni<HttpReply> send(HttpRequest request, int redirects) {
        // Resolving the host blocks: never on the event loop.
        return Uni.createFrom()
                .item(() -> check(request.url(), redirects))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> exchange.exchange(request))
                .chain(reply -> {
                    if (!keepsMethod(reply) || reply.header("location").isEmpty()) {
                        return Uni.createFrom().item(reply);
                    }
                    if (redirects >= maxRedirects) {
                        return Uni.createFrom()
                                .failure(new UrlRefusedException("more than " + maxRedirects + " redirects"));
                    }
                    URI next;
                    try {
                        next = URI.create(request.url())
                                .resolve(reply.header("location").orElseThrow());
                    } catch (IllegalArgumentException e) {
                        return Uni.createFrom().failure(new UrlRefusedException("redirect to an invalid URL"));
                    }
                    return send(follow(request, next), redirects + 1);
                });
    }

    private URI check(String url, int redirects) {
        try {
            return policy.check(url);
        } catch (UrlRefusedException e) {
            throw redirects == 0 ? e : new UrlRefusedException("redirect refused: " + e.getMessage());
        }
    }

    private static boolean keepsMethod(HttpReply reply) {
        return reply.status() == 307 || reply.status() == 308;
    }

    private static HttpRequest follow(HttpRequest request, URI next) {
        URI current = URI.create(request.url());
        boolean sameOrigin = Objects.equals(current.getScheme(), next.getScheme())
                && Objects.equals(current.getHost(), next.getHost())
                && current.getPort() == next.getPort();
        HttpRequest moved = request.withUrl(next.toString());
        // Another origin gets neither the credentials nor the signature: a signed message handed on could be
        // replayed to the receiver it was meant for, or anywhere that secret is trusted.
        return sameOrigin
                ? moved
                : new HttpRequest(
                        moved.method(),
                        moved.url(),
                        null,
                        moved.body(),
                        moved.cloudEvent() == null ? null : moved.cloudEvent().unsigned());
    }
}
