package dev.rollwatch.release.api;

import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.release.domain.DoraCalculator;
import dev.rollwatch.release.domain.DoraReport;
import dev.rollwatch.release.persistence.ReleaseRepository;
import dev.rollwatch.security.NamespaceAccess;
import dev.rollwatch.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/dora")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "DORA")
@SecurityRequirement(name = "apiKey")
public class DoraResource {

    private static final int MAX_DAYS = 366;
    private static final int DEFAULT_DAYS = 30;

    private final ReleaseRepository releases;
    private final NamespaceAccess access;
    private final SecurityIdentity identity;
    private final Clock clock;

    DoraResource(ReleaseRepository releases, NamespaceAccess access, SecurityIdentity identity, Clock clock) {
        this.releases = releases;
        this.access = access;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * DORA figures of an application, durations in seconds.
     *
     * @param application            the application
     * @param namespace              only this namespace, if set
     * @param from                   start of the period
     * @param to                     end of the period
     * @param releases               releases that finished in the period
     * @param deployments            successful releases
     * @param deploymentsPerDay      deployment frequency
     * @param leadTimeSeconds        median lead time for changes (commit to success)
     * @param leadTimeP90Seconds     90th percentile lead time
     * @param changeFailureRate      rolled back / finished
     * @param rolledBack             releases rolled back
     * @param timeToRestoreSeconds   median time from degradation to completed rollback
     * @param timeToRestoreP90Seconds 90th percentile time to restore
     */
    public record DoraView(
            String application,
            String namespace,
            Instant from,
            Instant to,
            int releases,
            int deployments,
            double deploymentsPerDay,
            Long leadTimeSeconds,
            Long leadTimeP90Seconds,
            Double changeFailureRate,
            int rolledBack,
            Long timeToRestoreSeconds,
            Long timeToRestoreP90Seconds) {

        static DoraView of(DoraReport r, String namespace) {
            return new DoraView(
                    r.application(),
                    namespace,
                    r.from(),
                    r.to(),
                    r.releases(),
                    r.deployments(),
                    r.deploymentsPerDay(),
                    seconds(r.leadTimeMedian()),
                    seconds(r.leadTimeP90()),
                    r.changeFailureRate(),
                    r.rolledBack(),
                    seconds(r.timeToRestoreMedian()),
                    seconds(r.timeToRestoreP90()));
        }

        private static Long seconds(Duration d) {
            return d == null ? null : d.toSeconds();
        }
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @WithSession
    @Operation(summary = "Deployment frequency, lead time, change failure rate and time to restore of an application")
    public Uni<DoraView> dora(
            @QueryParam("application") String application,
            @QueryParam("namespace") String namespace,
            @QueryParam("days") String daysParam) {
        List<FieldError> errors = new ArrayList<>();
        if (application == null || application.isBlank()) {
            errors.add(new FieldError("application", "is required"));
        } else {
            QueryParameters.name(errors, "application", application);
        }
        QueryParameters.name(errors, "namespace", namespace);
        int days = QueryParameters.wholeNumber(errors, "days", daysParam, DEFAULT_DAYS, 1, MAX_DAYS);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (namespace != null) {
            access.require(identity, namespace);
        }
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        return releases.finishedSince(application, namespace, from)
                .map(rows -> DoraView.of(
                        DoraCalculator.calculate(
                                application,
                                from,
                                to,
                                rows.stream()
                                        .filter(r -> access.allows(identity, r.namespace))
                                        .map(r -> new DoraCalculator.FinishedRelease(
                                                r.state, r.commitTime, r.degradedAt, r.finishedAt))
                                        .toList()),
                        namespace));
    }
}
