package dev.rollwatch.healthmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.healthmonitor.domain.JudgeState;
import dev.rollwatch.healthmonitor.domain.PreSwitchBaseline;
import dev.rollwatch.healthmonitor.domain.Traffic;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.VerdictEntity;
import dev.rollwatch.healthmonitor.persistence.VerdictRepository;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.security.NamespaceAccess;
import dev.rollwatch.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Read-only view of the watches: what the monitor is looking at and why it judged each window as it
 * did. For operators and dashboards; the decisions themselves travel on Kafka. Every call needs an API
 * key with the viewer role (the release-service's keys, {@code rollwatch.auth.keys.*}), and shows only
 * the namespaces the key covers.
 */
@Path("/api/v1/watches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public class WatchResource {

    private static final int MAX_VERDICTS = 200;
    private static final int DEFAULT_VERDICTS = 20;
    private static final int MAX_WATCHES = 100;

    private final WatchRepository watches;
    private final VerdictRepository verdicts;
    private final NamespaceAccess access;
    private final SecurityIdentity identity;

    WatchResource(
            WatchRepository watches, VerdictRepository verdicts, NamespaceAccess access, SecurityIdentity identity) {
        this.watches = watches;
        this.verdicts = verdicts;
        this.access = access;
        this.identity = identity;
    }

    /**
     * The latest watches of the namespaces the key covers. A watch whose release request has not arrived
     * yet has no namespace: only a key for every namespace sees it, since nothing shows the key covers it.
     */
    @GET
    @WithSession
    public Uni<List<WatchView>> list(@QueryParam("state") String state) {
        WatchState wanted = state == null ? null : parseState(state);
        Set<String> visible = access.visible(identity);
        if (visible != null && visible.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (wanted != null) {
            conditions.add("state = :state");
            parameters.and("state", wanted);
        }
        if (visible != null) {
            conditions.add("namespace in :namespaces");
            parameters.and("namespaces", visible);
        }
        Uni<List<WatchEntity>> found = conditions.isEmpty()
                ? watches.findAll(Sort.descending("updatedAt"))
                        .page(0, MAX_WATCHES)
                        .list()
                : watches.find(String.join(" and ", conditions), Sort.descending("updatedAt"), parameters)
                        .page(0, MAX_WATCHES)
                        .list();
        return found.map(list -> list.stream().map(w -> view(w, null)).toList());
    }

    /** One watch; another namespace's answers exactly as an unknown release, so ids and namespaces do not leak. */
    @GET
    @Path("/{releaseId}")
    @WithSession
    public Uni<WatchView> get(@PathParam("releaseId") String releaseId, @QueryParam("verdicts") String verdictsParam) {
        int limit = verdictCount(verdictsParam);
        return watches.findById(releaseId).flatMap(w -> {
            if (w == null || !access.allows(identity, w.namespace)) {
                return Uni.createFrom().failure(new NotFoundException("no watch for release " + releaseId));
            }
            return verdicts.latest(releaseId, limit).map(v -> view(w, v));
        });
    }

    private static int verdictCount(String value) {
        if (value == null) {
            return DEFAULT_VERDICTS;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= MAX_VERDICTS) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below, like a number out of range
        }
        throw invalid("verdicts", "must be a whole number between 1 and " + MAX_VERDICTS);
    }

    private static WatchState parseState(String state) {
        try {
            return WatchState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw invalid("state", "must be one of " + Arrays.toString(WatchState.values()));
        }
    }

    /** A 400 whose body names the parameter, as the release API's problems do. */
    private static BadRequestException invalid(String parameter, String message) {
        return new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                .type("application/problem+json")
                .entity(new InvalidParameter(
                        "Invalid request", 400, parameter + " " + message, List.of(new FieldError(parameter, message))))
                .build());
    }

    /** An RFC 9457 problem naming the offending query parameter. */
    public record InvalidParameter(String title, int status, String detail, List<FieldError> errors) {}

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
