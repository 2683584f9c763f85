package dev.rollwatch.release.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.release.config.ReleaseConfig;
import dev.rollwatch.release.messaging.StatusFeed;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseEventRepository;
import dev.rollwatch.release.persistence.ReleaseRepository;
import dev.rollwatch.release.service.Commands;
import dev.rollwatch.release.service.ReleaseRegistry;
import dev.rollwatch.release.service.UnknownReleaseException;
import dev.rollwatch.release.service.WatchPolicy;
import dev.rollwatch.security.ApiKeys;
import dev.rollwatch.security.NamespaceAccess;
import dev.rollwatch.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/releases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Releases")
@SecurityRequirement(name = "apiKey")
public class ReleaseResource {

    private static final int MAX_PAGE_SIZE = 100;
    /** Deeper pages than this are refused (filter instead): page × size then always fits an offset. */
    private static final int MAX_PAGE = 10_000;

    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int MAX_REASON = 1024;
    /** The release id format of the release rules (and the event schema). */
    private static final Pattern RELEASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    private final ReleaseRegistry registry;
    private final ReleaseRepository releases;
    private final ReleaseEventRepository history;
    private final Commands commands;
    private final StatusFeed feed;
    private final NamespaceAccess access;
    private final WatchPolicy watchPolicy;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final ReleaseConfig config;

    ReleaseResource(
            ReleaseRegistry registry,
            ReleaseRepository releases,
            ReleaseEventRepository history,
            Commands commands,
            StatusFeed feed,
            NamespaceAccess access,
            WatchPolicy watchPolicy,
            SecurityIdentity identity,
            Clock clock,
            ReleaseConfig config) {
        this.registry = registry;
        this.releases = releases;
        this.history = history;
        this.commands = commands;
        this.feed = feed;
        this.access = access;
        this.watchPolicy = watchPolicy;
        this.identity = identity;
        this.clock = clock;
        this.config = config;
    }

    @POST
    @RolesAllowed(Role.RELEASER_NAME)
    @Operation(
            summary = "Request a release",
            description = "Validates the request, registers the release and "
                    + "publishes release.requested in one transaction. Retrying with the same Idempotency-Key (or the same "
                    + "client-chosen releaseId) returns the release the first call created. A request naming no "
                    + "slo.metricSource is refused when the installation has no default source, unless it sets "
                    + "slo.metricSource.type to none to accept an unwatched release. slo.whenUnjudged: hold (the default) "
                    + "keeps each step that raises the new version's traffic waiting for its HEALTHY verdict; proceed lets "
                    + "steps follow their timers (still watched, rolled back on a breach); rollback waits as hold does and "
                    + "rolls the release back once it has gone unjudged as long as the health monitor's warning takes; "
                    + "an unwatched release sets none of them.")
    public Uni<Response> create(
            NewRelease body,
            @Parameter(description = "Makes a retried CI call return the same release") @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        if (body == null) {
            throw new InvalidRequestException(JsonPaths.BODY, "a release request is required");
        }
        // Before any rule runs: a key that may not act in the namespace learns nothing from what else is wrong.
        if (body.namespace() != null) {
            access.require(identity, body.namespace());
        }
        Instant now = clock.instant();
        String principal = identity.getPrincipal().getName();
        String releaseId =
                body.releaseId() != null ? body.releaseId() : UUID.randomUUID().toString();
        ReleaseRequested request = body.toEvent(releaseId, principal, now);
        List<FieldError> errors = new ArrayList<>(ReleaseValidator.validate(request, now));
        watchPolicy.refusal(request).ifPresent(errors::add);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            errors.add(new FieldError("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String retryKey = idempotencyKey != null
                ? idempotencyKey
                : body.releaseId() != null ? "releaseId:" + body.releaseId() : null;
        return registry.create(request, principal, retryKey, hash(body))
                .map(registration -> Response.accepted(ReleaseViews.Summary.of(registration.release()))
                        .header(HttpHeaders.LOCATION, location(registration.release().id))
                        .header("Idempotent-Replayed", registration.replayed())
                        .build());
    }

    /**
     * Where the release lives: a path, or under the configured public address. Never from the request's
     * Host header, which whoever sends the request chooses.
     */
    private String location(String id) {
        String path = "/api/v1/releases/" + id;
        return config.publicBaseUrl()
                .map(base -> base.toString().replaceAll("/+$", "") + path)
                .orElse(path);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @WithSession
    @Operation(summary = "A release: state, current step and weight, last health evidence and full history")
    public Uni<ReleaseViews.Detail> get(@PathParam("id") String id) {
        return visibleRelease(id)
                .flatMap(release -> history.history(id).map(events -> ReleaseViews.Detail.of(release, events)));
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @WithSession
    @Operation(summary = "Releases, newest first, filtered by application, namespace and state")
    public Uni<ReleaseViews.Page> list(
            @Parameter(description = "Only this application") @QueryParam("application") String application,
            @Parameter(description = "Only this namespace") @QueryParam("namespace") String namespace,
            @Parameter(description = "Only this state") @QueryParam("state") String state,
            @Parameter(description = "Page number, from 0 (at most " + MAX_PAGE + ")") @QueryParam("page")
                    String pageParam,
            @Parameter(description = "Releases per page, 1 to " + MAX_PAGE_SIZE + " (20)") @QueryParam("size")
                    String sizeParam) {
        List<FieldError> errors = new ArrayList<>();
        QueryParameters.name(errors, "application", application);
        QueryParameters.name(errors, "namespace", namespace);
        int page = QueryParameters.wholeNumber(errors, "page", pageParam, 0, 0, MAX_PAGE);
        int size = QueryParameters.wholeNumber(errors, "size", sizeParam, 20, 1, MAX_PAGE_SIZE);
        ReleaseState wanted = parseState(state, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Set<String> visible = access.visible(identity);
        if (visible != null && visible.isEmpty()) {
            return Uni.createFrom().item(new ReleaseViews.Page(List.of(), page, size, 0));
        }
        return releases.list(new ReleaseRepository.Filter(application, namespace, wanted, visible), page, size)
                .map(found -> new ReleaseViews.Page(
                        found.items().stream().map(ReleaseViews.Summary::of).toList(), page, size, found.total()));
    }

    @POST
    @Path("{id}/{command}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(
            summary = "Pause, resume, promote, abort or resolve a release",
            description = "Publishes the command; the executor (pause, resume, promote, resolve) or the"
                    + " rollback-service (abort) carries it out and the release's state follows from what they report."
                    + " resolve applies only to a release in RESTORE_FAILED, once people put the cluster right by hand:"
                    + " the executor stops retrying the restore and the release ends FAILED.")
    public Uni<Response> command(
            @PathParam("id") String id, @PathParam("command") String command, CommandRequest body) {
        ReleaseCommand.Command parsed = parseCommand(command);
        if (!plausibleId(id)) {
            throw new UnknownReleaseException(id);
        }
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidRequestException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return commands.send(id, parsed, identity.getPrincipal().getName(), reason, release -> {
                    if (!access.allows(identity, release.namespace)) {
                        throw new UnknownReleaseException(id);
                    }
                })
                .map(commandId -> Response.accepted(
                                new ReleaseViews.CommandAccepted(id, command.toLowerCase(Locale.ROOT), commandId))
                        .build());
    }

    @GET
    @Path("stream")
    @RolesAllowed(Role.VIEWER_NAME)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Status changes as server-sent events",
            description = "Every status change of every "
                    + "release the key may see, optionally filtered by application and namespace.")
    public Multi<ReleaseStatus> stream(
            @QueryParam("application") String application, @QueryParam("namespace") String namespace) {
        List<FieldError> errors = new ArrayList<>();
        QueryParameters.name(errors, "application", application);
        QueryParameters.name(errors, "namespace", namespace);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Set<String> visible = access.visible(identity);
        return feed.statuses(s -> (application == null || application.equals(s.application()))
                        && (namespace == null || namespace.equals(s.namespace()))
                        && (visible == null || visible.contains(s.namespace())))
                .orElseThrow(StreamsFullException::new);
    }

    /** The body of a command: an optional reason for the audit trail. */
    public record CommandRequest(String reason) {}

    private Uni<ReleaseEntity> visibleRelease(String id) {
        if (!plausibleId(id)) {
            return Uni.createFrom().failure(new UnknownReleaseException(id));
        }
        return releases.findById(id).map(release -> {
            // Another namespace's release answers exactly as one that does not exist: no oracle for ids
            // or namespace names.
            if (release == null || !access.allows(identity, release.namespace)) {
                throw new UnknownReleaseException(id);
            }
            return release;
        });
    }

    /**
     * Whether {@code id} could name a release at all (the release id format). Anything else is unknown
     * without a query: a NUL or a 10,000-character id never reaches the database.
     */
    private static boolean plausibleId(String id) {
        return id != null && RELEASE_ID.matcher(id).matches();
    }

    private static ReleaseState parseState(String state, List<FieldError> errors) {
        if (state == null) {
            return null;
        }
        try {
            return ReleaseState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("state", "must be one of " + List.of(ReleaseState.values())));
            return null;
        }
    }

    private static ReleaseCommand.Command parseCommand(String command) {
        try {
            return ReleaseCommand.Command.valueOf(command.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("unknown command '" + command + "': pause, resume, promote or abort");
        }
    }

    private static String hash(NewRelease body) {
        try {
            return HexFormat.of().formatHex(ApiKeys.sha256(EventJson.mapper().writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed request is always writable", e);
        }
    }
}
