package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.StepCompleted.Outcome;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Weights;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The executor's state machine for one release: which step runs, what is due when, how operator
 * commands and rollback decisions change the course, and what each change reports on
 * {@code step.completed}. Plain Java: the service layer performs the Kubernetes work this asks for
 * ({@link #next}) and feeds the outcome back; every method returns the step reports to publish in
 * the same transaction as the new state.
 *
 * <pre>
 * PENDING ─recorded─▶ RUNNING: START ─apply─▶ WAIT_READY ─ready─▶ next step … ─last─▶ COMPLETED
 *                               │ pause: TIMER (duration) | HOLD (until resume/promote)
 * any step failure / deadline ─▶ restore ─▶ FAILED;  rollback.triggered ─▶ restore ─▶ ROLLED_BACK | ABORTED
 * a restore that fails ─▶ RESTORE_FAILED ─retried with backoff─▶ (as above) | ─resolve─▶ FAILED
 * </pre>
 */
public final class Rollout {

    private final Plan plan;
    private final StepClock clock;
    private final Restores restores;
    private final VerdictGate gate;
    private RolloutStatus status;
    private int stepIndex;
    private Stage stage;
    private boolean manualPause;
    private boolean promoteRequested;
    private Weights weights;
    private String refusal;

    public Rollout(Plan plan, Timing timing, RolloutState state) {
        this.plan = plan;
        this.clock = new StepClock(timing, state.stepStartedAt(), state.dueAt(), state.deadlineAt());
        this.restores =
                new Restores(state.restore(), state.restoredAttempt(), state.restoreFailed(), state.answeredAttempt());
        this.gate = new VerdictGate(plan, state.verdicts());
        this.status = state.status();
        this.stepIndex = state.stepIndex();
        this.stage = state.stage();
        this.manualPause = state.manualPause();
        this.promoteRequested = state.promoteRequested();
        this.weights = state.weights();
        this.refusal = state.refusal();
    }

    /**
     * A release known only from a rollback decision or command that overtook its request (topics are
     * consumed independently). Its plan is not known yet, so only the signal is kept; the request
     * then turns it into a real release ({@link #requestArrived}).
     */
    public static Rollout beforeRequest(RolloutState state) {
        if (state.status() != RolloutStatus.AWAITING_REQUEST) {
            throw new IllegalArgumentException("release already requested");
        }
        return new Rollout(
                new Plan(null, List.of(PlannedStep.promote())),
                new Timing(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                state);
    }

    public RolloutState state() {
        return new RolloutState(
                status,
                stepIndex,
                stage,
                clock.startedAt(),
                clock.dueAt(),
                clock.deadlineAt(),
                manualPause,
                promoteRequested,
                weights,
                restores.pending(),
                restores.restoredAttempt(),
                restores.restoreFailed(),
                restores.answeredAttempt(),
                refusal,
                gate.verdicts());
    }

    public Plan plan() {
        return plan;
    }

    public RolloutStatus status() {
        return status;
    }

    public Weights weights() {
        return weights;
    }

    /** What the executor must do now (the caller only asks when the release is due). */
    public Work next(Instant now) {
        if (restores.isPending()) {
            return new Work.Restore(restores.pending());
        }
        if (status == RolloutStatus.PENDING) {
            return refusal != null ? new Work.Refuse(refusal) : new Work.RecordStable();
        }
        if (status != RolloutStatus.RUNNING || !clock.isDue(now)) {
            return new Work.Idle();
        }
        PlannedStep step = plan.step(stepIndex);
        return switch (stage) {
            case START ->
                manualPause
                        ? new Work.Idle()
                        : gate.awaits(step, weights, promoteRequested)
                                ? new Work.AwaitVerdict(stepIndex, step)
                                : new Work.Apply(stepIndex, step);
            case WAIT_READY -> new Work.Check(stepIndex, step);
            case TIMER -> manualPause ? new Work.Idle() : new Work.EndPause(stepIndex, step);
            case HOLD, VERDICT -> new Work.Idle();
        };
    }

    /** The stable state is recorded: the first step starts. */
    public List<StepReport> recorded(Weights stableWeights, Instant now) {
        requireStatus(RolloutStatus.PENDING);
        status = RolloutStatus.RUNNING;
        weights = stableWeights;
        List<StepReport> reports = new ArrayList<>();
        // A promote that arrived before the release started skips what a promote skips.
        enterStep(promoteRequested ? plan.firstUnskippableFrom(0) : 0, now, reports);
        return reports;
    }

    /** The stable state could not be read (e.g. the Deployment does not exist): nothing was changed. */
    public List<StepReport> notStarted(String reason, Instant now) {
        status = RolloutStatus.FAILED;
        clock.stop();
        PlannedStep first = plan.step(0);
        return List.of(new StepReport(0, first.action(), Outcome.FAILED, Phase.FAILED, weights, now, now, reason));
    }

    /**
     * The release is refused before anything was read or changed, because another release of its
     * Deployment is in flight: it fails at once. A restore kept from an early rollback signal is
     * dropped: this release changed nothing, and what the cluster shows belongs to the other release.
     */
    public List<StepReport> refusedAtOnce(String reason, Instant now) {
        requireStatus(RolloutStatus.PENDING);
        refusal = reason;
        restores.drop();
        manualPause = false;
        return notStarted(reason, now);
    }

    /** The release was refused before any change (quarantined artifact). */
    public List<StepReport> refused(Weights stableWeights, Instant now) {
        weights = stableWeights;
        return notStarted(refusal, now);
    }

    /** The step was applied and its workload is ready: it is done. */
    public List<StepReport> stepDone(Weights newWeights, String message, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        PlannedStep step = plan.step(stepIndex);
        gate.stepDone(step, weights, newWeights, now);
        weights = newWeights;
        Instant started = clock.startedOr(now);
        List<StepReport> reports = new ArrayList<>();
        if (plan.isLast(stepIndex)) {
            status = RolloutStatus.COMPLETED;
            clock.stop();
            reports.add(new StepReport(
                    stepIndex, step.action(), Outcome.SUCCEEDED, Phase.COMPLETED, weights, started, now, message));
            return reports;
        }
        reports.add(new StepReport(
                stepIndex,
                step.action(),
                Outcome.SUCCEEDED,
                manualPause ? Phase.PAUSED : Phase.PROGRESSING,
                weights,
                started,
                now,
                message));
        enterStep(stepIndex + 1, now, reports);
        return reports;
    }

    /** The step was applied but its workload is not ready yet; fails it once its deadline passed. */
    public List<StepReport> stepWaiting(String observed, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        stage = Stage.WAIT_READY;
        if (clock.overdue(now)) {
            return stepFailed("not ready within the step deadline of " + clock.deadline() + ": " + observed, now);
        }
        clock.checkAgain(now);
        return List.of();
    }

    /**
     * The step cannot succeed (forbidden, not found, invalid, deadline passed): the stable state is
     * restored next, then the failure is reported.
     */
    public List<StepReport> stepFailed(String reason, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        restores.failure(reason, now);
        clock.due(now);
        return List.of();
    }

    /** The Kubernetes API could not be reached: try again later, within the step's deadline. */
    public List<StepReport> stepInterrupted(String error, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        if (clock.overdue(now)) {
            return stepFailed(keptFailing(error), now);
        }
        clock.retryWithinDeadline(now);
        return List.of();
    }

    /** Recording the stable state hit a transient error: retry, within one step deadline of the request. */
    public List<StepReport> recordInterrupted(String error, Instant requestedAt, Instant now) {
        if (clock.expired(requestedAt, now)) {
            return notStarted(keptFailing(error), now);
        }
        clock.retry(now);
        return List.of();
    }

    /** A timed pause is over; a final bake also waits for a verdict before the release completes. */
    public List<StepReport> pauseEnded(Instant now) {
        PlannedStep step = plan.step(stepIndex);
        if (plan.isLast(stepIndex) && gate.unjudged(weights, promoteRequested)) {
            return awaitVerdict("completing", now);
        }
        return stepDone(weights, "paused " + format(step.duration()), now);
    }

    /** The next step would widen an exposure nobody judged: it waits for the health monitor's verdict. */
    public List<StepReport> awaitVerdict(Instant now) {
        return awaitVerdict(plan.step(stepIndex).toString(), now);
    }

    private List<StepReport> awaitVerdict(String before, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        stage = Stage.VERDICT;
        clock.due(null);
        return List.of(StepReport.paused(
                -1,
                weights,
                now,
                "waiting for the new version to be judged HEALTHY at " + gate.exposure(weights) + " before " + before));
    }

    /**
     * The health monitor judged the new version HEALTHY at {@code weight}. Remembered either way; a
     * release waiting for exactly that verdict goes on.
     */
    public Decision verdictPassed(int weight, String summary, Instant now) {
        if (over()) {
            return Decision.ignored("the release is no longer running");
        }
        gate.passed(weight, now);
        if (status != RolloutStatus.RUNNING || stage != Stage.VERDICT) {
            return Decision.applied("judged HEALTHY at " + weight + "%: kept for the next step");
        }
        if (!gate.holds(weights)) {
            return Decision.applied(
                    "judged HEALTHY at " + weight + "%, but " + gate.exposure(weights) + " is in force: still waiting");
        }
        return Decision.applied(
                "judged HEALTHY at " + weight + "%",
                proceed("judged HEALTHY at " + gate.exposure(weights) + (summary == null ? "" : ": " + summary), now));
    }

    /** Leaves the wait for a verdict: the step starts, or the final bake completes the release. */
    private List<StepReport> proceed(String note, Instant now) {
        List<StepReport> reports = new ArrayList<>();
        reports.add(StepReport.resumed(-1, weights, now, now, note));
        PlannedStep step = plan.step(stepIndex);
        if (step.isPause()) {
            reports.addAll(stepDone(weights, "paused " + format(step.duration()) + " and " + note, now));
        } else {
            stage = Stage.START;
            clock.due(now);
        }
        return reports;
    }

    /** The recorded stable state was restored. */
    public List<StepReport> restored(Weights stableWeights, String message, Instant now) {
        weights = stableWeights;
        return restoreEnded(false, message, now);
    }

    /**
     * The restore could not be completed. It is not given up: the release is RESTORE_FAILED (reported
     * once, so people are paged once) and the restore is tried again with backoff until it succeeds or
     * an operator {@link #resolve resolves} the release.
     */
    public List<StepReport> restoreFailed(String error, Instant now) {
        Restore pending = restores.pending();
        clock.retryRestore(pending.requestedAt(), now);
        if (status == RolloutStatus.RESTORE_FAILED) {
            return List.of();
        }
        status = RolloutStatus.RESTORE_FAILED;
        manualPause = false;
        String message = "restore of the stable state failed: " + error
                + "; it is tried again until it succeeds or someone resolves the release";
        return List.of(
                pending.kind() == Restore.Kind.FAILURE
                        ? failureReport(pending, Phase.RESTORE_FAILED, message, now)
                        : rollbackReport(
                                Outcome.FAILED, Phase.RESTORE_FAILED, RollbackAnswer.FAILED, pending, message, now));
    }

    /**
     * An operator put the cluster right by hand after the restore failed: the restore is no longer
     * tried and the release ends FAILED, freeing its Deployment for the next release.
     */
    public Decision resolve(String note, Instant now) {
        if (status != RolloutStatus.RESTORE_FAILED) {
            return Decision.ignored("only a release whose restore failed can be resolved");
        }
        Restore done = restores.ended(true);
        clock.stop();
        status = RolloutStatus.FAILED;
        return Decision.applied(
                "resolved",
                rollbackReport(
                        Outcome.FAILED,
                        Phase.FAILED,
                        RollbackAnswer.FAILED,
                        done,
                        "resolved (" + note + "): the restore is no longer tried; the cluster is as people left it",
                        now));
    }

    private List<StepReport> restoreEnded(boolean failed, String message, Instant now) {
        Restore done = restores.ended(failed);
        manualPause = false;
        clock.stop();
        status = Restores.endsIn(done.kind());
        return List.of(
                done.kind() == Restore.Kind.FAILURE
                        ? failureReport(done, Phase.FAILED, message, now)
                        : rollbackReport(
                                failed ? Outcome.FAILED : Outcome.SUCCEEDED,
                                finalPhase(),
                                failed ? RollbackAnswer.FAILED : RollbackAnswer.RESTORED,
                                done,
                                message,
                                now));
    }

    /**
     * The restore hit a transient error: retried; once it has kept failing for one step deadline, the
     * restore failed (people are told) and is retried with backoff.
     */
    public List<StepReport> restoreInterrupted(String error, Instant now) {
        if (status == RolloutStatus.RESTORE_FAILED
                || clock.expired(restores.pending().requestedAt(), now)) {
            return restoreFailed("the Kubernetes API kept failing for " + clock.deadline() + ": " + error, now);
        }
        clock.retry(now);
        return List.of();
    }

    /**
     * The rollback-service decided to roll the release back (or an operator aborted it). A decision
     * that reaches a release which already ended some other way (promoted, or failed) is answered
     * once per attempt with a rollback step saying why nothing was restored, so the rollback-service
     * stops waiting for a restore that will never come.
     */
    public Decision rollbackRequested(Restore request) {
        return rollbackRequested(request, null);
    }

    /**
     * A rollback decision, when {@code newerRelease} (if not null) is a release of the same Deployment
     * that started after this one. Once this release has ended, the Deployment is the newer release's:
     * restoring this release's stable state would undo it (scale its canary to 0, put an old template
     * back). Such a decision is answered once per attempt with a rollback step that changes nothing.
     */
    public Decision rollbackRequested(Restore request, String newerRelease) {
        Decision declined = restores.declined(request, newerRelease, status, weights);
        if (declined != null) {
            return declined;
        }
        Restore scheduled = restores.schedule(request);
        clock.due(status == RolloutStatus.AWAITING_REQUEST ? null : scheduled.requestedAt());
        return Decision.applied("restore " + scheduled.kind().name().toLowerCase() + " scheduled");
    }

    private Phase finalPhase() {
        return RollbackAnswers.finalPhase(status);
    }

    /** An operator paused the release: no new step starts until resumed. */
    public Decision pause(String note, Instant now) {
        if (over()) {
            return Decision.ignored("the release is no longer running");
        }
        if (manualPause || stage == Stage.HOLD) {
            return Decision.ignored("the release is already paused");
        }
        manualPause = true;
        if (status == RolloutStatus.AWAITING_REQUEST) {
            return Decision.applied("paused before the request arrived");
        }
        return Decision.applied("paused", StepReport.paused(-1, weights, now, note));
    }

    /** An operator resumed the release: a pause command or an indefinite pause step ends. */
    public Decision resume(String note, Instant now) {
        if (over()) {
            return Decision.ignored("the release is no longer running");
        }
        boolean held = status == RolloutStatus.RUNNING && stage == Stage.HOLD;
        boolean waiting = status == RolloutStatus.RUNNING && stage == Stage.VERDICT;
        if (!manualPause && !held && !waiting) {
            return Decision.ignored("the release is not paused");
        }
        manualPause = false;
        if (status != RolloutStatus.RUNNING) {
            return Decision.applied("resumed before the release started");
        }
        if (waiting) {
            // An operator's explicit go-ahead stands in for the verdict at this exposure.
            gate.waived(weights, now);
            return Decision.applied("resumed without a verdict", proceed(note + " (without a HEALTHY verdict)", now));
        }
        List<StepReport> reports = new ArrayList<>();
        reports.add(StepReport.resumed(held ? stepIndex : -1, weights, held ? clock.startedAt() : now, now, note));
        if (held) {
            enterStep(stepIndex + 1, now, reports);
        }
        return Decision.applied("resumed", reports);
    }

    /**
     * An operator promoted the release: skippable steps (canary weights, pauses) are skipped; during a
     * blue-green scale-down delay, the scale-down starts now.
     */
    public Decision promote(String note, Instant now) {
        if (over()) {
            return Decision.ignored("the release is no longer running");
        }
        boolean waiting = status == RolloutStatus.RUNNING && stage == Stage.VERDICT;
        boolean wasPaused = manualPause || (status == RolloutStatus.RUNNING && stage == Stage.HOLD) || waiting;
        promoteRequested = true;
        manualPause = false;
        if (status != RolloutStatus.RUNNING) {
            return Decision.applied("promotion requested before the release started");
        }
        List<StepReport> reports = new ArrayList<>();
        if (wasPaused) {
            reports.add(StepReport.resumed(stepIndex, weights, now, now, note));
        }
        PlannedStep current = plan.step(stepIndex);
        if (current.isPause() && plan.isLast(stepIndex)) {
            // A final bake (rolling): promoting ends it, and the release, now.
            reports.addAll(stepDone(weights, "bake cut short: " + note, now));
            return Decision.applied("promoted: bake cut short", reports);
        }
        if (current.skippable()) {
            int target = plan.firstUnskippableFrom(stepIndex);
            enterStep(target, now, reports);
            return Decision.applied("promoted: skipping to " + plan.step(target), reports);
        }
        if (current.action() == Action.SCALE_DOWN && (stage == Stage.START || waiting)) {
            stage = Stage.START;
            clock.due(now);
        }
        return Decision.applied("promotion requested", reports);
    }

    /** The request arrived for a release that so far only had early signals. */
    public void requestArrived(Instant now, String refusalReason) {
        if (status != RolloutStatus.AWAITING_REQUEST) {
            throw new IllegalStateException("release already requested");
        }
        status = RolloutStatus.PENDING;
        refusal = refusalReason;
        clock.due(now);
    }

    private void enterStep(int index, Instant now, List<StepReport> reports) {
        stepIndex = index;
        PlannedStep step = plan.step(index);
        if (step.isPause() && promoteRequested && step.skippable()) {
            enterStep(plan.firstUnskippableFrom(index), now, reports);
            return;
        }
        if (step.isPause()) {
            clock.pause(now, step.duration() != null ? now.plus(step.duration()) : null);
            if (step.duration() != null) {
                stage = Stage.TIMER;
            } else {
                stage = Stage.HOLD;
                reports.add(StepReport.paused(
                        index,
                        weights,
                        now,
                        plan.strategy() == dev.rollwatch.events.Strategy.Type.BLUE_GREEN
                                ? "preview ready; waiting for promote"
                                : "paused until resumed or promoted"));
            }
            return;
        }
        stage = Stage.START;
        // The scale-down delay keeps the old version for an instant rollback; only a promote given
        // during the delay itself cuts it short.
        Duration delay =
                step.action() == Action.SCALE_DOWN && step.duration() != null ? step.duration() : Duration.ZERO;
        clock.step(now.plus(delay));
    }

    private StepReport rollbackReport(
            Outcome outcome, Phase phase, RollbackAnswer answer, Restore done, String message, Instant now) {
        return new StepReport(
                -1,
                Action.ROLLBACK,
                outcome,
                phase,
                weights,
                done.requestedAt(),
                now,
                done.reason() + "; " + message,
                answer);
    }

    private StepReport failureReport(Restore done, Phase phase, String message, Instant now) {
        PlannedStep step = plan.step(stepIndex);
        Instant started = clock.startedOr(done.requestedAt());
        return new StepReport(
                stepIndex, step.action(), Outcome.FAILED, phase, weights, started, now, done.reason() + "; " + message);
    }

    private void requireStatus(RolloutStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("release is " + status + ", expected " + expected);
        }
    }

    /** Whether the release ended, or is about to (a restore is pending): commands no longer apply. */
    private boolean over() {
        return status.isTerminal() || restores.isPending();
    }

    private String keptFailing(String error) {
        return "the Kubernetes API kept failing until the step deadline of " + clock.deadline() + " passed: " + error;
    }

    static String format(Duration duration) {
        return dev.rollwatch.events.validation.Durations.format(duration);
    }
}
