package dev.rollwatch.notifier.config;

import dev.rollwatch.events.Slo;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the notifier reaches people. Every credential (Slack bot token, Slack incoming-webhook URLs,
 * Statuspage API key, webhook signing secret) comes only from here, i.e. from the environment or a
 * mounted Kubernetes Secret; none is ever logged, stored or put in an event. A channel whose
 * credentials are missing is a no-op: releases that name it are simply not told there.
 */
@ConfigMapping(prefix = "rollwatch.notifier")
public interface NotifierConfig {

    Slack slack();

    Statuspage statuspage();

    Webhook webhook();

    Outbound outbound();

    Dispatch dispatch();

    /**
     * Targets for releases of applications without their own entry in {@link #applications()}, added
     * to those the release names itself. Each is {@code slack:#channel},
     * {@code statuspage:<page>/<component>} or {@code webhook:https://...}.
     */
    Optional<List<String>> defaultTargets();

    /** Per application (by name): targets added to those each release names, instead of {@link #defaultTargets()}. */
    Map<String, Application> applications();

    /**
     * Which Slack channels and Statuspage pages a release may name itself, per Kubernetes namespace
     * (e.g. {@code rollwatch.notifier.targets."shop".slack-channels=#shop-releases}). The notifier holds
     * the bot token and the API key, so it decides: a named target its namespace may not use gets
     * nothing, and the refusal goes to {@code notifications.dlq}. The entry {@code "*"} holds for every
     * namespace without one of its own (they are not merged). With no entry, nothing a release names
     * on Slack or Statuspage is used: a configured installation fails closed. Targets the installation
     * configures ({@link #defaultTargets()}, {@link #applications()}) are always used, and webhooks are
     * not limited here (they carry only the release's own events and use no shared credential but a
     * signing secret).
     */
    Map<String, NamespaceTargets> targets();

    interface NamespaceTargets {
        /**
         * Channels by name ({@code #shop-releases} or {@code shop-releases}) or id, compared exactly
         * (a channel named by its id is allowed only when the id is listed); {@code *} allows any.
         */
        Optional<List<String>> slackChannels();

        /** Pages ({@code <page>}: any of its components) or components ({@code <page>/<component>}); {@code *} allows any. */
        Optional<List<String>> statuspagePages();
    }

    /**
     * Message templates (Qute) overriding the defaults in {@code notifier-templates.properties}, by
     * name, e.g. {@code rollwatch.notifier.templates."reply.step-weight"}. An unknown name fails the start.
     */
    Map<String, String> templates();

    /**
     * Base URL of the Rollwatch release API / dashboard; when set, messages link to the release there
     * ({@code <url>/api/v1/releases/<id>}).
     */
    Optional<URI> releaseLinkBase();

    /**
     * The metric source the health monitor uses for a release naming none ({@code none},
     * {@code prometheus} or {@code scrape}), read from {@code ROLLWATCH_HEALTH_DEFAULT_SOURCE} like the
     * health monitor's own setting. With {@code none}, a release naming no source is not watched, and
     * its Slack message says so, as it does for a release asking for {@code slo.metricSource.type: none}.
     */
    @WithDefault("none")
    Slo.MetricSource.Type defaultMetricSource();

    interface Application {
        /** Targets for every release of this application, in the same form as {@link #defaultTargets()}. */
        List<String> targets();
    }

    interface Slack {
        /**
         * Bot token ({@code xoxb-...}) for the Web API: one threaded conversation per release per
         * channel, with the parent message updated in place. Needs the {@code chat:write} scope (and
         * {@code chat:write.public} to post in channels the bot was not invited to).
         */
        Optional<String> botToken();

        /** Base URL of the Slack Web API (changed for a local receiver or a test double). */
        @WithDefault("https://slack.com/api")
        URI apiUrl();

        /**
         * Incoming-webhook URL per channel name (without {@code #}), used for channels when no bot token
         * is configured. Incoming webhooks cannot thread or edit: every notice becomes its own message
         * and the parent is never updated, so prefer a bot token.
         */
        Map<String, String> incomingWebhooks();

        /** Least time between two messages to one channel: Slack allows about one per second. */
        @WithDefault("1s")
        Duration minInterval();

        /** Mention added to messages that need people now (e.g. {@code <!here>} or {@code <!subteam^S0123>}). */
        Optional<String> urgentMention();
    }

    interface Statuspage {
        /** Atlassian Statuspage API key; without it status pages are not updated. */
        Optional<String> apiKey();

        /** Base URL of the Statuspage REST API. */
        @WithDefault("https://api.statuspage.io/v1")
        URI apiUrl();

        /** Least time between two calls for one page: the API allows about one per second per key. */
        @WithDefault("1s")
        Duration minInterval();

        /** Whether Statuspage e-mails/texts the page's subscribers about incident updates. */
        @WithDefault("true")
        boolean deliverNotifications();
    }

    interface Webhook {
        /**
         * The installation's secret: when set, each webhook request no receiver below covers is signed
         * with it the Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp},
         * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}). A {@code whsec_<base64>}
         * value is the decoded key, as those libraries read it; any other text is its UTF-8 bytes.
         */
        Optional<String> signingSecret();

        /**
         * Receivers with a secret of their own, by any name: every target whose URL starts with the
         * receiver's {@code url-prefix} (same scheme, host and port, then whole path segments) is signed
         * with its {@code signing-secret}, so a receiver cannot forge another's messages. The most specific
         * prefix wins; {@code https://hooks.example.com/} gives a whole host one secret.
         */
        Map<String, Receiver> receivers();

        interface Receiver {
            String urlPrefix();

            String signingSecret();
        }
    }

    interface Outbound {
        /** Allow plain-http URLs. Only for local use (a receiver on this machine, tests). */
        @WithDefault("false")
        boolean allowHttp();

        /** Allow loopback addresses (127.0.0.0/8, ::1). Only for local use. */
        @WithDefault("false")
        boolean allowLoopback();

        /**
         * Allow private, link-local and other internal addresses (10/8, 172.16/12, 192.168/16,
         * 169.254/16, fc00::/7, ...). Off, a webhook cannot be pointed at the cluster's insides.
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** Redirects followed (307/308 only, each target validated again) before a delivery fails. */
        @WithDefault("3")
        int maxRedirects();

        /** Connect and read timeout of one HTTP call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Dispatch {
        /** How often the dispatcher looks for due deliveries. Bounds the added latency of a message. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Most deliveries claimed per pass of the dispatcher (each pass is one short transaction). */
        @WithDefault("50")
        int batchSize();

        /**
         * Most deliveries being sent at once per instance; the dispatcher claims no more while this many
         * are in flight, so a slow endpoint cannot pile up unbounded open requests.
         */
        @WithDefault("32")
        int maxInFlight();

        /**
         * Most attempts at once to one receiver, over all instances (counted from the leases in the
         * database): a webhook's scheme, host and port, one Slack channel, one status page. A receiver
         * that answers slowly holds no more dispatch slots than this; its other deliveries wait, due, in
         * the database, and other receivers' go on.
         */
        @WithDefault("4")
        int maxInFlightPerReceiver();

        /**
         * Most webhook attempts at once per instance, out of {@link #maxInFlight()}: the rest are kept for
         * Slack and Statuspage, so many slow webhook receivers together cannot hold up a rollback alert.
         */
        @WithDefault("16")
        int maxWebhooksInFlight();

        /**
         * How long a claimed delivery is reserved for the instance sending it; an instance that dies
         * mid-send leaves it to others after this. An attempt still running after three quarters of it
         * (slow answers, redirects) is cut off and judged as unanswered, so a delivery is never sent by
         * two attempts at once; keep it well above {@code outbound.timeout}.
         */
        @WithDefault("2m")
        Duration lease();

        /** First retry delay after a transient failure; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        /**
         * Longest delay between two attempts of a delivery failing transiently: the doubling of
         * {@link #initialBackoff()} stops here. With the defaults (2s doubling to 5m, 12 attempts) a
         * delivery keeps trying for about 25 minutes before it is dead-lettered, and the release's
         * later messages to the same target wait behind it meanwhile.
         */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts of a delivery failing transiently before it is dead-lettered (rate limits do not count). */
        @WithDefault("12")
        int maxAttempts();

        /**
         * Longest wait honoured from one Retry-After header; longer ones are cut to this. The wait is a
         * due time in the database, held for the whole receiver (its other deliveries wait too): no
         * dispatch slot is held meanwhile.
         */
        @WithDefault("10m")
        Duration maxRetryAfter();

        /**
         * Longest a delivery may keep being rate limited in all, from its first 429 (or Statuspage's 420):
         * the next rate limit after this dead-letters it, so a receiver cannot park a message (and the
         * release's later ones behind it) for a day by answering 429 forever.
         */
        @WithDefault("1h")
        Duration maxRateLimited();

        /** How long delivered rows and events are kept for inspection before they are purged. */
        @WithDefault("P14D")
        Duration retention();
    }
}
