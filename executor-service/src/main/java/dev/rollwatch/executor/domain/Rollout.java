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
 * </pre>
 */
public final class Rollout {

    private final Plan plan;
    private final Timing timing;
    private RolloutStatus status;
    private int stepIndex;
    private Stage stage;
    private Instant stepStartedAt;
    private Instant dueAt;
    private Instant deadlineAt;
    private boolean manualPause;
    private boolean promoteRequested;
    private Weights weights;
    private Restore restore;
    private int restoredAttempt;
    private boolean restoreFailed;
    private int answeredAttempt;
    private String refusal;
    private Verdicts verdicts;

    public Rollout(Plan plan, Timing timing, RolloutState state) {
        this.plan = plan;
        this.timing = timing;
        this.status = state.status();
        this.stepIndex = state.stepIndex();
        this.stage = state.stage();
        this.stepStartedAt = state.stepStartedAt();
        this.dueAt = state.dueAt();
        this.deadlineAt = state.deadlineAt();
        this.manualPause = state.manualPause();
        this.promoteRequested = state.promoteRequested();
        this.weights = state.weights();
        this.restore = state.restore();
        this.restoredAttempt = state.restoredAttempt();
        this.restoreFailed = state.restoreFailed();
        this.answeredAttempt = state.answeredAttempt();
        this.refusal = state.refusal();
        this.verdicts = state.verdicts();
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
                stepStartedAt,
                dueAt,
                deadlineAt,
                manualPause,
                promoteRequested,
                weights,
                restore,
                restoredAttempt,
                restoreFailed,
                answeredAttempt,
                refusal,
                verdicts);
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
        if (restore != null) {
            return new Work.Restore(restore);
        }
        if (status == RolloutStatus.PENDING) {
            return refusal != null ? new Work.Refuse(refusal) : new Work.RecordStable();
        }
        if (status != RolloutStatus.RUNNING || dueAt == null || now.isBefore(dueAt)) {
            return new Work.Idle();
        }
        PlannedStep step = plan.step(stepIndex);
        return switch (stage) {
            case START ->
                manualPause
                        ? new Work.Idle()
                        : awaitsVerdict(step)
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
        clearTimers();
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
        restore = null;
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
        if (newWeights.canary() != weights.canary() || step.action() == Action.ROLLING_UPDATE) {
            // A new exposure: a verdict on the old one says nothing about it.
            verdicts = verdicts.exposed(now);
        }
        weights = newWeights;
        Instant started = stepStartedAt != null ? stepStartedAt : now;
        List<StepReport> reports = new ArrayList<>();
        if (plan.isLast(stepIndex)) {
            status = RolloutStatus.COMPLETED;
            clearTimers();
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
        startClock(now);
        stage = Stage.WAIT_READY;
        if (!now.isBefore(deadlineAt)) {
            return stepFailed(
                    "not ready within the step deadline of " + format(timing.stepDeadline()) + ": " + observed, now);
        }
        dueAt = min(now.plus(timing.checkInterval()), deadlineAt);
        return List.of();
    }

    /**
     * The step cannot succeed (forbidden, not found, invalid, deadline passed): the stable state is
     * restored next, then the failure is reported.
     */
    public List<StepReport> stepFailed(String reason, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        restore = new Restore(Restore.Kind.FAILURE, reason, 1, now);
        dueAt = now;
        return List.of();
    }

    /** The Kubernetes API could not be reached: try again later, within the step's deadline. */
    public List<StepReport> stepInterrupted(String error, Instant now) {
        requireStatus(RolloutStatus.RUNNING);
        startClock(now);
        if (!now.isBefore(deadlineAt)) {
            return stepFailed(
                    "the Kubernetes API kept failing until the step deadline of " + format(timing.stepDeadline())
                            + " passed: " + error,
                    now);
        }
        dueAt = min(now.plus(timing.retryDelay()), deadlineAt);
        return List.of();
    }

    /** Recording the stable state hit a transient error: retry, within one step deadline of the request. */
    public List<StepReport> recordInterrupted(String error, Instant requestedAt, Instant now) {
        if (!now.isBefore(requestedAt.plus(timing.stepDeadline()))) {
            return notStarted(
                    "the Kubernetes API kept failing until the step deadline of " + format(timing.stepDeadline())
                            + " passed: " + error,
                    now);
        }
        dueAt = now.plus(timing.retryDelay());
        return List.of();
    }

    /** A timed pause is over; a final bake also waits for a verdict before the release completes. */
    public List<StepReport> pauseEnded(Instant now) {
        PlannedStep step = plan.step(stepIndex);
        if (plan.isLast(stepIndex) && unjudged()) {
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
        dueAt = null;
        return List.of(new StepReport(
                -1,
                Action.PAUSE,
                Outcome.SUCCEEDED,
                Phase.PAUSED,
                weights,
                now,
                now,
                "waiting for the new version to be judged HEALTHY at " + exposure() + " before " + before));
    }

    /**
     * The health monitor judged the new version HEALTHY at {@code weight}. Remembered either way; a
     * release waiting for exactly that verdict goes on.
     */
    public Decision verdictPassed(int weight, String summary, Instant now) {
        if (status.isTerminal() || restore != null) {
            return Decision.ignored("the release is no longer running");
        }
        verdicts = verdicts.passed(weight, now);
        if (status != RolloutStatus.RUNNING || stage != Stage.VERDICT) {
            return Decision.applied("judged HEALTHY at " + weight + "%: kept for the next step");
        }
        if (!verdicts.healthyAt(exposureWeight())) {
            return Decision.applied(
                    "judged HEALTHY at " + weight + "%, but " + exposureWeight() + "% is in force: still waiting");
        }
        return Decision.applied(
                "judged HEALTHY at " + weight + "%",
                proceed("judged HEALTHY at " + exposure() + (summary == null ? "" : ": " + summary), now));
    }

    /** Leaves the wait for a verdict: the step starts, or the final bake completes the release. */
    private List<StepReport> proceed(String note, Instant now) {
        List<StepReport> reports = new ArrayList<>();
        reports.add(new StepReport(-1, Action.RESUME, Outcome.SUCCEEDED, Phase.PROGRESSING, weights, now, now, note));
        PlannedStep step = plan.step(stepIndex);
        if (step.isPause()) {
            reports.addAll(stepDone(weights, "paused " + format(step.duration()) + " and " + note, now));
        } else {
            stage = Stage.START;
            dueAt = now;
        }
        return reports;
    }

    /** Whether {@code step} must wait for a verdict on the exposure in force before it starts. */
    private boolean awaitsVerdict(PlannedStep step) {
        return Plan.widensExposure(step) && unjudged();
    }

    /** The release waits for verdicts, its new version is exposed, and nobody judged this exposure yet. */
    private boolean unjudged() {
        return plan.verdictRequired()
                && !promoteRequested
                && exposureWeight() > 0
                && !verdicts.healthyAt(exposureWeight());
    }

    /**
     * The new version's share of traffic as the health monitor sees it: the canary weight, or all of it
     * once a rolling update has replaced the pods in place (the weights then say "stable", since the
     * Deployment is the stable one).
     */
    private int exposureWeight() {
        boolean rolledOut =
                plan.strategy() == dev.rollwatch.events.Strategy.Type.ROLLING && verdicts.exposedAt() != null;
        return rolledOut ? 100 : weights.canary();
    }

    private String exposure() {
        return exposureWeight() + "%";
    }

    /** The recorded stable state was restored. */
    public List<StepReport> restored(Weights stableWeights, String message, Instant now) {
        weights = stableWeights;
        return restoreEnded(false, message, now);
    }

    /** The restore could not be completed; people (and the rollback-service's re-trigger) must act. */
    public List<StepReport> restoreFailed(String error, Instant now) {
        return restoreEnded(true, "restore of the stable state failed: " + error, now);
    }

    private List<StepReport> restoreEnded(boolean failed, String message, Instant now) {
        Restore done = restore;
        restore = null;
        manualPause = false;
        clearTimers();
        restoredAttempt = Math.max(restoredAttempt, done.attempt());
        restoreFailed = failed;
        status = terminalStatusOf(done.kind());
        return List.of(
                done.kind() == Restore.Kind.FAILURE
                        ? failureReport(done, message, now)
                        : rollbackReport(
                                failed ? Outcome.FAILED : Outcome.SUCCEEDED,
                                finalPhase(),
                                failed ? RollbackAnswer.FAILED : RollbackAnswer.RESTORED,
                                done,
                                message,
                                now));
    }

    /** The restore hit a transient error: retry, within one step deadline of its request. */
    public List<StepReport> restoreInterrupted(String error, Instant now) {
        if (!now.isBefore(restore.requestedAt().plus(timing.stepDeadline()))) {
            return restoreFailed(
                    "the Kubernetes API kept failing for " + format(timing.stepDeadline()) + ": " + error, now);
        }
        dueAt = now.plus(timing.retryDelay());
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
        if (newerRelease != null && status.isTerminal() && restore == null) {
            return answered(answers().superseded(request, newerRelease), request);
        }
        if (status == RolloutStatus.COMPLETED || status == RolloutStatus.FAILED) {
            Decision answer = answered(answers().ended(request), request);
            if (answer != null) {
                return answer;
            }
        }
        if (status.isTerminal() && request.attempt() <= restoredAttempt) {
            return Decision.ignored("the stable state was already restored (attempt " + restoredAttempt + ")");
        }
        if (restore != null && restore.kind() != Restore.Kind.FAILURE) {
            return Decision.ignored("a restore is already under way");
        }
        if (restore != null) {
            // A step failed and its restore is pending; the rollback decision explains the outcome better.
            request = new Restore(request.kind(), request.reason(), request.attempt(), restore.requestedAt());
        }
        restore = request;
        dueAt = status == RolloutStatus.AWAITING_REQUEST ? null : request.requestedAt();
        return Decision.applied("restore " + request.kind().name().toLowerCase() + " scheduled");
    }

    private RollbackAnswers answers() {
        return new RollbackAnswers(status, restoredAttempt, restoreFailed, answeredAttempt, weights);
    }

    /** Keeps an answer's attempt so each attempt is answered once. */
    private Decision answered(Decision decision, Restore request) {
        if (decision != null && decision.applied()) {
            answeredAttempt = request.attempt();
        }
        return decision;
    }

    private Phase finalPhase() {
        return RollbackAnswers.finalPhase(status);
    }

    /** An operator paused the release: no new step starts until resumed. */
    public Decision pause(String note, Instant now) {
        if (status.isTerminal() || restore != null) {
            return Decision.ignored("the release is no longer running");
        }
        if (manualPause || stage == Stage.HOLD) {
            return Decision.ignored("the release is already paused");
        }
        manualPause = true;
        if (status == RolloutStatus.AWAITING_REQUEST) {
            return Decision.applied("paused before the request arrived");
        }
        return Decision.applied(
                "paused", new StepReport(-1, Action.PAUSE, Outcome.SUCCEEDED, Phase.PAUSED, weights, now, now, note));
    }

    /** An operator resumed the release: a pause command or an indefinite pause step ends. */
    public Decision resume(String note, Instant now) {
        if (status.isTerminal() || restore != null) {
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
            verdicts = verdicts.passed(exposureWeight(), now);
            return Decision.applied("resumed without a verdict", proceed(note + " (without a HEALTHY verdict)", now));
        }
        List<StepReport> reports = new ArrayList<>();
        reports.add(new StepReport(
                held ? stepIndex : -1,
                Action.RESUME,
                Outcome.SUCCEEDED,
                Phase.PROGRESSING,
                weights,
                held ? stepStartedAt : now,
                now,
                note));
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
        if (status.isTerminal() || restore != null) {
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
            reports.add(new StepReport(
                    stepIndex, Action.RESUME, Outcome.SUCCEEDED, Phase.PROGRESSING, weights, now, now, note));
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
            dueAt = now;
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
        dueAt = now;
    }

    private void enterStep(int index, Instant now, List<StepReport> reports) {
        stepIndex = index;
        stepStartedAt = null;
        deadlineAt = null;
        PlannedStep step = plan.step(index);
        if (step.isPause() && promoteRequested && step.skippable()) {
            enterStep(plan.firstUnskippableFrom(index), now, reports);
            return;
        }
        if (step.isPause()) {
            stepStartedAt = now;
            if (step.duration() != null) {
                stage = Stage.TIMER;
                dueAt = now.plus(step.duration());
            } else {
                stage = Stage.HOLD;
                dueAt = null;
                reports.add(new StepReport(
                        index,
                        Action.PAUSE,
                        Outcome.SUCCEEDED,
                        Phase.PAUSED,
                        weights,
                        now,
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
        dueAt = now.plus(delay);
    }

    private void startClock(Instant now) {
        if (stepStartedAt == null) {
            stepStartedAt = now;
        }
        if (deadlineAt == null) {
            deadlineAt = stepStartedAt.plus(timing.stepDeadline());
        }
    }

    private void clearTimers() {
        dueAt = null;
        deadlineAt = null;
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

    private StepReport failureReport(Restore done, String message, Instant now) {
        PlannedStep step = plan.step(stepIndex);
        Instant started = stepStartedAt != null ? stepStartedAt : done.requestedAt();
        return new StepReport(
                stepIndex,
                step.action(),
                Outcome.FAILED,
                Phase.FAILED,
                weights,
                started,
                now,
                done.reason() + "; " + message);
    }

    private static RolloutStatus terminalStatusOf(Restore.Kind kind) {
        return switch (kind) {
            case ROLLBACK -> RolloutStatus.ROLLED_BACK;
            case ABORT -> RolloutStatus.ABORTED;
            case FAILURE -> RolloutStatus.FAILED;
        };
    }

    private void requireStatus(RolloutStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("release is " + status + ", expected " + expected);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String format(Duration duration) {
        return dev.rollwatch.events.validation.Durations.format(duration);
    }
}
