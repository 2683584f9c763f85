package dev.rollwatch.healthmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.healthmonitor.domain.JudgeState;
import dev.rollwatch.healthmonitor.domain.PreSwitchBaseline;
import dev.rollwatch.healthmonitor.domain.Traffic;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.VerdictEntity;
import dev.rollwatch.healthmonitor.persistence.VerdictRepository;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Read-only view of the watches: what the monitor is looking at and why it judged each window as it
 * did. For operators and dashboards; the decisions themselves travel on Kafka.
 */
@Path("/api/v1/watches")
@Produces(MediaType.APPLICATION_JSON)
public class WatchResource {

    private static final int MAX_VERDICTS = 200;

    private final WatchRepository watches;
    private final VerdictRepository verdicts;

    WatchResource(WatchRepository watches, VerdictRepository verdicts) {
        this.watches = watches;
        this.verdicts = verdicts;
    }

    @GET
    @WithSession
    public Uni<List<WatchView>> list(@QueryParam("state") String state) {
        Uni<List<WatchEntity>> found = state == null
                ? watches.findAll(Sort.descending("updatedAt")).page(0, 100).list()
                : watches.find("state", Sort.descending("updatedAt"), parseState(state))
                        .page(0, 100)
                        .list();
        return found.map(list -> list.stream().map(w -> view(w, null)).toList());
    }

    @GET
    @Path("/{releaseId}")
    @WithSession
    public Uni<WatchView> get(
            @PathParam("releaseId") String releaseId, @QueryParam("verdicts") @DefaultValue("20") int limit) {
        return watches.findById(releaseId).flatMap(w -> {
            if (w == null) {
                return Uni.createFrom().failure(new NotFoundException("no watch for release " + releaseId));
            }
            return verdicts.latest(releaseId, Math.max(1, Math.min(limit, MAX_VERDICTS)))
                    .map(v -> view(w, v));
        });
    }

    private static WatchState parseState(String state) {
        try {
            return WatchState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    "state must be one of AWAITING_REQUEST, WAITING_FOR_TRAFFIC, WATCHING, ENDED");
        }
    }

    private static WatchView view(WatchEntity w, List<VerdictEntity> recent) {
        WatchView.Slo slo = w.intervalMs == null
                ? null
                : new WatchView.Slo(
                        w.maxErrorRate,
                        w.maxP95LatencyMs,
                        w.maxP99LatencyMs,
                        w.maxRegressionRatio,
                        w.minRequests,
                        w.intervalMs,
                        w.windowMs,
                        w.consecutiveFailures,
                        w.podMaxFailures,
                        w.podFailureWindowMs);
        List<WatchView.Window> windows = recent == null
                ? null
                : recent.stream().map(WatchResource::window).toList();
        return new WatchView(
                w.releaseId,
                w.state.name(),
                w.application,
                w.namespace,
                w.sourceType,
                w.canaryWeight,
                slo,
                w.consecutiveDegraded,
                w.breaches,
                w.lastVerdict == null ? null : w.lastVerdict.name(),
                w.lastReason,
                w.evaluations,
                w.nextDueAt,
                w.lastEvaluatedAt,
                w.watchingSince,
                w.endedAt,
                w.endReason,
                baseline(w),
                windows);
    }

    private static WatchView.Baseline baseline(WatchEntity w) {
        PreSwitchBaseline b = w.judgeState == null
                ? null
                : EventJson.read(w.judgeState, JudgeState.class).preSwitch();
        if (b == null) {
            return null;
        }
        Traffic t = b.window();
        return new WatchView.Baseline(
                Math.round(t.requests()),
                finite(t.errorRate()),
                finite(t.quantileMs(0.95)),
                b.windowStart(),
                b.windowEnd());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static WatchView.Window window(VerdictEntity v) {
        return new WatchView.Window(
                v.evaluatedAt,
                v.windowStart,
                v.windowEnd,
                v.verdict.name(),
                v.samples,
                v.canaryWeight,
                v.reason,
                EventJson.read(v.evidence, JsonNode.class));
    }
}
