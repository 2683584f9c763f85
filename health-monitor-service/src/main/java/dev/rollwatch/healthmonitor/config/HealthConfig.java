package dev.rollwatch.healthmonitor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** How the health monitor judges releases. Every release may set its own SLOs; these fill the gaps. */
@ConfigMapping(prefix = "rollwatch.health")
public interface HealthConfig {

    /** SLO defaults for what a release leaves unset; they match the runbooks' rollback triggers. */
    Defaults defaults();

    HardLimits hardLimits();

    Regression regression();

    Warnings warnings();

    Pods pods();

    Routes routes();

    Poller poller();

    Prometheus prometheus();

    Scrape scrape();

    /**
     * Metric source for releases that name none: {@code prometheus} (needs
     * {@code rollwatch.health.prometheus.address}), {@code scrape} (pods found through Kubernetes) or
     * {@code none} (such releases are not watched).
     */
    @WithDefault("none")
    String defaultSource();

    /** How long window verdicts are kept for inspection. */
    @WithDefault("P7D")
    Duration verdictRetention();

    interface Defaults {
        /** Error rate above which a window is DEGRADED (0.05 = 5%). */
        @WithDefault("0.05")
        double maxErrorRate();

        /** p95 latency in milliseconds above which a window is DEGRADED. */
        @WithDefault("2000")
        double maxP95LatencyMs();

        /** p99 latency limit in milliseconds; none by default. */
        OptionalDouble maxP99LatencyMs();

        /**
         * How much worse than its baseline (the stable version beside it, or the previous version before a
         * blue-green switch or rolling update) the new version may be: 1.5, the runbooks' "more than 50%
         * performance degradation". A release may set its own, up to {@code hard-limits.max-regression-ratio}.
         */
        @WithDefault("1.5")
        double maxRegressionRatio();

        /**
         * Fewer canary requests than this in a window is INSUFFICIENT_DATA. At 50 requests one
         * failure is 2%: a 5% limit needs three failures to break, not one unlucky request.
         */
        @WithDefault("50")
        int minRequestsPerWindow();

        /**
         * How often a watched release is judged: every interval the monitor measures one window and
         * gives it a verdict. Also how long after the new version starts taking traffic the first
         * verdict comes. Shorter detects sooner and costs more queries or scrapes.
         */
        @WithDefault("10s")
        Duration interval();

        /**
         * The window the values people read are computed over (error rate, quantiles, and the stable
         * version's quantile a relative latency limit multiplies). Verdicts do not count windows: the
         * judge weighs every request once, whatever the window; it must not be shorter than
         * {@link #interval()}.
         */
        @WithDefault("1m")
        Duration window();

        /**
         * DEGRADED verdicts in a row that make a breach (and one {@code health.degraded}). A verdict is
         * DEGRADED only once the sequential test's evidence reached a likelihood ratio of 1000:1, which
         * already accounts for judging every interval; more than 1 asks the bound to hold that many
         * evaluations on top, and delays every rollback by that many intervals.
         */
        @WithDefault("1")
        int consecutiveFailures();
    }

    /**
     * Bounds no release can loosen: a release asking for more errors, a slower p95, more requests
     * before a verdict, a longer interval or window, more verdicts in a row or a looser regression
     * ratio gets these. The thresholds match the runbooks' rollback triggers; raise them for services
     * whose normal latency is higher.
     */
    interface HardLimits {
        /**
         * Highest error-rate limit a release may ask for (0.05 = 5%). The default
         * {@code rollwatch.health.defaults.max-error-rate} must not exceed it: the start fails if it does.
         */
        @WithDefault("0.05")
        double maxErrorRate();

        /**
         * Highest p95 limit in milliseconds a release may ask for. The default
         * {@code rollwatch.health.defaults.max-p95-latency-ms} must not exceed it: the start fails if it does.
         */
        @WithDefault("2000")
        double maxP95LatencyMs();

        /** Most requests a release may require before it can be judged ({@code minRequestsPerWindow}). */
        @WithDefault("1000")
        int maxMinRequestsPerWindow();

        /** Most DEGRADED verdicts in a row a release may require for a breach. */
        @WithDefault("5")
        int maxConsecutiveFailures();

        /** Longest evaluation interval a release may ask for: longer detects too late. */
        @WithDefault("1m")
        Duration maxInterval();

        /** Longest window a release may ask for. */
        @WithDefault("15m")
        Duration maxWindow();

        /** Loosest regression ratio against the stable version a release may ask for. */
        @WithDefault("3")
        double maxRegressionRatio();

        /**
         * Most pod failures a release may tolerate ({@code slo.podHealth.maxFailures}): the runbooks' 3.
         * {@code rollwatch.health.pods.max-failures} must not exceed it.
         */
        @WithDefault("3")
        int maxPodFailures();

        /**
         * Shortest window a release may count pod failures over ({@code slo.podHealth.window}): the
         * runbooks' 2 minutes. {@code rollwatch.health.pods.failure-window} must not be shorter.
         */
        @WithDefault("2m")
        Duration minPodFailureWindow();
    }

    /** Noise floors for relative regressions: "twice as bad" on tiny numbers is no regression. */
    interface Regression {
        /** A relative error-rate regression must also be this much higher in absolute terms. */
        @WithDefault("0.01")
        double minErrorRateIncrease();

        /** A relative latency regression must also be this many milliseconds slower. */
        @WithDefault("50")
        double minLatencyIncreaseMs();
    }

    interface Warnings {
        /** UNKNOWN this long raises health.warning. */
        @WithDefault("2m")
        Duration unknownAfter();

        /** INSUFFICIENT_DATA this long raises health.warning. */
        @WithDefault("10m")
        Duration insufficientDataAfter();

        /** With an UNKNOWN warning, ask the executor to pause the release (release.commands pause). */
        @WithDefault("true")
        boolean holdOnUnknown();

        /** With an INSUFFICIENT_DATA warning, ask the executor to pause the release. */
        @WithDefault("false")
        boolean holdOnInsufficientData();
    }

    /**
     * The new version's pods as evidence (read from the Kubernetes API): restarts, containers that
     * cannot run (CrashLoopBackOff, image pull failures, OOMKilled) and readiness lost. The runbooks'
     * "3 failed health checks within 2 minutes".
     */
    interface Pods {
        /** Look at the pods at all (needs list access to pods, as the scrape source's discovery does). */
        @WithDefault("true")
        boolean enabled();

        /** Pod failures within {@link #failureWindow()} that condemn the new version. */
        @WithDefault("3")
        int maxFailures();

        /** How far back pod failures count. */
        @WithDefault("2m")
        Duration failureWindow();
    }

    /**
     * Which requests count: the application's own. Probes, metrics scrapes and management endpoints
     * answer from every pod whether the application works or not; counted, they dilute its error rate
     * and can make up the minimum requests on their own.
     */
    interface Routes {
        /** The label holding the route (Micrometer and Quarkus: {@code uri}). */
        @WithDefault("uri")
        String label();

        /** Routes left out, as a regular expression over the whole label value. */
        @WithDefault("/q/.*|/health.*|/healthz|/livez|/readyz|/ready|/live|/metrics|/prometheus|/actuator(/.*)?")
        String excluded();
    }

    interface Poller {
        /** How often due watches are looked for; bounds how late an evaluation starts. */
        @WithDefault("200ms")
        Duration interval();

        /** Most watches claimed per pass. */
        @WithDefault("50")
        int batchSize();
    }

    interface Prometheus {
        /**
         * Prometheus base URL for releases whose metric source gives none. A release may always name
         * it in {@code slo.metricSource.address} too.
         */
        Optional<String> address();

        /**
         * The other Prometheus base URLs a release may name in {@code slo.metricSource.address}
         * ({@code ROLLWATCH_PROMETHEUS_ALLOWED_ADDRESSES}, comma-separated). By default none: only
         * {@link #address()}. A release naming any other address is not queried (the monitor would
         * otherwise fetch whatever URL a releaser writes, from inside the cluster); its windows are
         * UNKNOWN and say the address is not allowed. Compared as URLs: scheme and host in any case,
         * an explicit default port, a trailing slash make no difference.
         */
        Optional<List<String>> allowedAddresses();

        /**
         * Whether a release's own PromQL ({@code slo.metricSource.queries}) is used. Off by default:
         * a release's query decides what its verdicts see (a {@code vector(0)} error rate is always
         * healthy), so the installation's templates ({@link #queries()}, else the built-in ones) apply.
         */
        @WithDefault("false")
        boolean releaseQueries();

        /** Largest answer read from Prometheus; a larger one is an UNKNOWN window, read no further than this. */
        @WithDefault("8M")
        @WithConverter(MemorySizeConverter.class)
        MemorySize maxBodySize();

        /**
         * Label matchers that pick one track of one release, rendered into the queries as
         * {@code {{selector}}}. Variables: {@code {{application}}}, {@code {{namespace}}},
         * {@code {{track}}} (canary or stable), {@code {{trackPattern}}} (the values of the pods'
         * track label for that track and strategy, as a regular expression: {@code canary},
         * {@code preview|canary}, {@code .*} for a rolling update, {@code stable|} for the stable
         * pods, which carry none), {@code {{version}}}, {@code {{releaseId}}}, {@code {{window}}},
         * {@code {{excludedRoutes}}} ({@code rollwatch.health.routes.excluded}, escaped for a PromQL
         * string). The default expects Prometheus to copy the pods' {@code app} and
         * {@code rollwatch.dev/track} labels to {@code app} and {@code track}, and leaves probes and
         * metrics endpoints out by their {@code uri} label.
         */
        @WithDefault("namespace=\"{{namespace}}\",app=\"{{application}}\",track=~\"{{trackPattern}}\","
                + "uri!~\"{{excludedRoutes}}\"")
        String selector();

        /**
         * Query templates overriding the built-in ones, by measurement (requestRate, errorRate,
         * latencyP95, latencyP99). A release's own {@code slo.metricSource.queries} win over these.
         */
        Map<String, String> queries();

        /**
         * Milliseconds per unit of the latency queries' results: 1000 for seconds (the Prometheus
         * convention, and the built-in queries), 1 for queries that return milliseconds.
         */
        @WithDefault("1000")
        double latencyMillisPerUnit();
    }

    interface Scrape {
        /** Base name of the HTTP server request histogram the endpoints expose. */
        @WithDefault("http_server_requests_seconds")
        String metric();

        /** Label with the HTTP status code. */
        @WithDefault("status")
        String statusLabel();

        /** Regular expression of the statuses that count as failed requests. */
        @WithDefault("5..")
        String errorStatus();

        /**
         * How long one scrape of one endpoint may take; an endpoint that has not answered by then is
         * a failed scrape for this window and is asked again the next interval (no retry). It must be
         * shorter than the shortest interval a watch can have (1 s, or
         * {@code rollwatch.health.defaults.interval} if that is shorter), or scrapes would pile up:
         * the start fails otherwise.
         */
        @WithDefault("800ms")
        Duration timeout();

        /**
         * Scrapes are pruned at every evaluation; those of releases nobody evaluates any more are
         * deleted after this long, which must exceed the longest window (24h).
         */
        @WithDefault("25h")
        Duration sampleRetention();

        /**
         * Hosts a release may list scrape endpoints on besides the IPs of its namespace's pods, exactly as
         * written in the URL ({@code ROLLWATCH_SCRAPE_ALLOWED_HOSTS}, comma-separated): for a local
         * system whose applications are not pods, or an exporter the installation vouches for. None by
         * default.
         */
        Optional<List<String>> allowedHosts();

        /** Largest metrics page read from one endpoint; a larger one is a failed scrape, read no further. */
        @WithDefault("4M")
        @WithConverter(MemorySizeConverter.class)
        MemorySize maxBodySize();

        /**
         * Most scrapes one watch may keep for its window: endpoints × (window ÷ interval + 3). A release
         * asking for more (a 24 h window at 1 s over 200 endpoints is about 17 million) is not scraped;
         * its windows are UNKNOWN and say why, instead of every watch's evaluations slowing down.
         */
        @WithDefault("20000")
        int maxSamplesPerWatch();

        Kubernetes kubernetes();

        /** How pods are found when a release gives no endpoints. */
        interface Kubernetes {
            /** Pod label holding the application name. */
            @WithDefault("app")
            String applicationLabel();

            /** Pod label telling the new version (canary) from the stable one: the executor's track label ({@code Marks.DEFAULT_TRACK_LABEL}). */
            @WithDefault("rollwatch.dev/track")
            String trackLabel();

            /** Port scraped when a pod has no {@code prometheus.io/port} annotation. */
            @WithDefault("8080")
            int port();

            /** Path scraped when a pod has no {@code prometheus.io/path} annotation. */
            @WithDefault("/metrics")
            String path();
        }
    }
}
