package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.StepCompleted;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows a triggered rollback until it is proven: the executor must report the restore, and the
 * cluster must show the stable version ready and receiving all traffic, before the attempt's
 * deadline. An attempt that is not verified in time is re-triggered once (attempt 2); at that
 * attempt's deadline the cluster alone decides, and when it does not show the restore people are
 * paged ({@code restoreUnverified}). The cluster is still read for a while after the alert, so a
 * late restore is reported rather than left as an open page. A rollback that reached a release the
 * executor had already promoted ends the wait at once: nothing will be restored, on purpose. So does a
 * newer release of the application taking over the objects the restore is verified on, and a release
 * that ended before the executor changed anything (there is nothing to restore).
 */
public final class RestoreTracker {

    private final DecisionSettings settings;

    public RestoreTracker(DecisionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * An executor step. A restore report (the rollback step, or a step that left the release rolled
     * back, aborted or failed, all of which restore the stable state) after the decision counts as the
     * executor's confirmation; a failed rollback step ends the wait for the current attempt at once. A
     * recommendation the release outran (it finished first) is dismissed. A step saying the release
     * was promoted (its last step, consumed after the decision, or the executor's answer to the
     * rollback) ends the wait: the rollback came too late and nothing will be restored.
     */
    public Outcome onStep(ReleaseFacts facts, Decision current, StepCompleted step, Instant now) {
        if (current == null) {
            return Outcome.recorded("no decision for the release");
        }
        if (current.status() == DecisionStatus.RECOMMENDED && facts.finished()) {
            return new RollbackDecider(settings).dismiss(current, facts, now);
        }
        if (current.status().awaitingRestore() && step.phase() == StepCompleted.Phase.COMPLETED) {
            return tooLate(current, describe(step), now);
        }
        if (!current.status().awaitingRestore() || !isRestoreReport(step)) {
            return Outcome.recorded("step does not concern the rollback");
        }
        if (facts.stable() == null && step.stable() == null) {
            // The executor records the stable state before its first change and reports it on every
            // step after: a release that ended without one never changed the cluster.
            return nothingChanged(current, describe(step), now);
        }
        if (restoreFailed(step) && step.phase() == StepCompleted.Phase.RESTORE_FAILED) {
            return restoreFailing(current, describe(step), now);
        }
        if (restoreFailed(step)) {
            // An executor that gave the restore up: the re-trigger (or, after it, the alert) comes at once.
            Instant due =
                    current.verifyDueAt() == null || now.isBefore(current.verifyDueAt()) ? now : current.verifyDueAt();
            Decision failed = current.toBuilder()
                    .verifyDueAt(due)
                    .nextCheckAt(now)
                    .executorReport("restore failed: " + describe(step))
                    .build();
            return Outcome.updated(failed, "the executor reported the restore failed: " + describe(step), List.of());
        }
        if (current.confirmedAt() != null) {
            return Outcome.recorded("restore already confirmed at " + current.confirmedAt());
        }
        Decision confirmed = current.toBuilder()
                .confirmedAt(now)
                .nextCheckAt(now)
                .executorReport("restored: " + describe(step))
                .build();
        return Outcome.updated(confirmed, "the executor reported the restore: " + describe(step), List.of());
    }

    /** Whether a check is due for the decision at {@code now}. */
    public static boolean checkDue(Decision decision, Instant now) {
        return decision.status().awaitingRestore()
                && decision.nextCheckAt() != null
                && !now.isBefore(decision.nextCheckAt());
    }

    /**
     * A read of the cluster (made whether or not the executor confirmed, so an alert can say what the
     * cluster showed). Before the executor's confirmation a good-looking cluster proves nothing: the
     * executor may not have acted yet.
     */
    public Outcome onCheck(ReleaseFacts facts, Decision current, Finding finding, Instant now) {
        if (current == null || !checkDue(current, now)) {
            return Outcome.recorded("no check due");
        }
        if (facts.phase() == StepCompleted.Phase.COMPLETED) {
            return tooLate(current, "the executor reported the release promoted", now);
        }
        Optional<Claim> successor = successor(facts, finding);
        if (successor.isPresent()) {
            return superseded(current, successor.get(), finding, now);
        }
        return current.status() == DecisionStatus.UNVERIFIED
                ? afterAlert(current, finding, now)
                : awaitingRestore(facts, current, finding, now);
    }

    private Outcome awaitingRestore(ReleaseFacts facts, Decision current, Finding finding, Instant now) {
        boolean confirmed = current.confirmedAt() != null;
        if (confirmed && finding.result() == Finding.Result.VERIFIED) {
            return verified(current, finding.detail(), "restore verified: ", false, now);
        }
        if (confirmed && finding.result() == Finding.Result.NOT_CHECKED) {
            Decision done = current.toBuilder()
                    .status(DecisionStatus.CONFIRMED)
                    .verifiedAt(now)
                    .nextCheckAt(null)
                    .lastFinding(finding.detail())
                    .build();
            return Outcome.updated(done, "restore confirmed by the executor; " + finding.detail(), List.of());
        }
        String seen = describe(current, finding);
        if (now.isBefore(current.verifyDueAt())) {
            Decision waiting = current.toBuilder()
                    .nextCheckAt(now.plus(settings.checkInterval()))
                    .lastFinding(seen)
                    .build();
            return Outcome.updated(waiting, seen, List.of());
        }
        if (current.attempt() < 2) {
            return retrigger(facts, current, seen, now);
        }
        if (finding.verified()) {
            // The executor never said so, but after both attempts the cluster is what counts: paging
            // people about a stable version that serves everything would be a false alarm.
            String detail = finding.detail() + " (the executor never reported the restore)";
            return verified(current, detail, "restore verified from the cluster alone: ", false, now);
        }
        return alert(current, seen, now);
    }

    private Outcome retrigger(ReleaseFacts facts, Decision current, String seen, Instant now) {
        Decision again = current.toBuilder()
                .attempt(2)
                .triggeredBy(Notices.ACTOR)
                .lastTriggeredAt(now)
                .verifyDueAt(now.plus(settings.verificationDeadline()))
                .nextCheckAt(now.plus(settings.checkInterval()))
                .lastFinding(seen)
                .build();
        String message = "restore not verified within " + Notices.human(settings.verificationDeadline()) + ": " + seen
                + "; rolling back again";
        return Outcome.updated(
                again,
                "re-triggered (attempt 2): " + seen,
                List.of(new Effect.Publish(RollbackDecider.triggered(again, facts, message, now))));
    }

    /**
     * The executor could not restore the stable state and keeps trying on its own, so a re-trigger would
     * add nothing: people are paged now, once, and the cluster is read until it shows the restore (the
     * executor's report of it, whenever it comes, asks for a check at once).
     */
    private Outcome restoreFailing(Decision current, String report, Instant now) {
        if (current.status() == DecisionStatus.UNVERIFIED) {
            return Outcome.recorded("restore failing, already alerted: " + report);
        }
        Decision failing = current.toBuilder()
                .status(DecisionStatus.UNVERIFIED)
                .alertedAt(now)
                .giveUpAt(now.plus(settings.keepChecking()))
                .nextCheckAt(settings.keepChecking().isZero() ? null : now.plus(settings.checkInterval()))
                .executorReport("restore failed: " + report)
                .build();
        return Outcome.updated(
                failing,
                "the executor reported the restore failed and keeps trying: " + report,
                List.of(new Effect.Publish(Notices.restoreFailing(current.releaseId(), report, now))));
    }

    /** The cluster shows the restore: the wait ends and people are told. */
    private static Outcome verified(
            Decision current, String detail, String notePrefix, boolean afterAlert, Instant now) {
        Decision verified = current.toBuilder()
                .status(DecisionStatus.VERIFIED)
                .verifiedAt(now)
                .nextCheckAt(null)
                .lastFinding(detail)
                .build();
        return Outcome.updated(
                verified,
                notePrefix + detail,
                List.of(new Effect.Publish(Notices.verified(current.releaseId(), detail, afterAlert, now))));
    }

    private Outcome alert(Decision current, String seen, Instant now) {
        boolean keepChecking = !settings.keepChecking().isZero();
        Decision unverified = current.toBuilder()
                .status(DecisionStatus.UNVERIFIED)
                .alertedAt(now)
                .giveUpAt(now.plus(settings.keepChecking()))
                .nextCheckAt(keepChecking ? now.plus(settings.checkInterval()) : null)
                .lastFinding(seen)
                .build();
        return Outcome.updated(
                unverified,
                "restore unverified after attempt 2: " + seen,
                List.of(new Effect.Publish(
                        Notices.unverified(current.releaseId(), settings.verificationDeadline(), seen, now))));
    }

    /** After the alert no confirmation is awaited any more: what the cluster shows is what counts. */
    private Outcome afterAlert(Decision current, Finding finding, Instant now) {
        if (finding.verified()) {
            return verified(current, finding.detail(), "restore verified after the alert: ", true, now);
        }
        boolean givingUp = current.giveUpAt() == null || !now.isBefore(current.giveUpAt());
        Decision next = current.toBuilder()
                .nextCheckAt(givingUp ? null : now.plus(settings.checkInterval()))
                .lastFinding(finding.detail())
                .note(givingUp ? "stopped checking the unverified restore at " + now : current.note())
                .build();
        return Outcome.updated(next, givingUp ? next.note() : finding.detail(), List.of());
    }

    /**
     * The release was promoted before the rollback reached the executor: its new version is the stable
     * one on purpose. Paging people about an unverified restore would be a false alarm, and re-triggering
     * pointless; the executor's step already tells people why nothing was restored.
     */
    private static Outcome tooLate(Decision current, String report, Instant now) {
        return nothingToVerify(
                current,
                DecisionStatus.TOO_LATE,
                report,
                "the release was already promoted when "
                        + "the rollback reached the executor; nothing was restored and nothing is verified (" + now
                        + ")");
    }

    /**
     * The release ended before the executor changed anything: the stable state never left, and what the
     * cluster shows belongs to other releases, so a check could only page people about a restore that was
     * never needed.
     */
    private static Outcome nothingChanged(Decision current, String report, Instant now) {
        return nothingToVerify(
                current,
                DecisionStatus.NOTHING_CHANGED,
                report,
                "the release ended before the "
                        + "executor changed anything in the cluster; the stable state never left, so nothing is restored "
                        + "or verified (" + now + ")");
    }

    /** Ends the wait on the executor's report: no further check, re-trigger or alert. */
    private static Outcome nothingToVerify(Decision current, DecisionStatus status, String report, String note) {
        Decision done = current.toBuilder()
                .status(status)
                .nextCheckAt(null)
                .executorReport(report)
                .note(note)
                .build();
        return Outcome.updated(done, note, List.of());
    }

    /**
     * The newest release requested after this one that owns an object the restore is verified on, when
     * the cluster does not show the restore, and that targets the same Deployment. A restore the cluster
     * shows stands, whatever else is marked; the mark of an older release (or of one whose request was
     * never consumed) is a remain of the past, not a successor, and must not hide a restore that did not
     * happen.
     */
    static Optional<Claim> successor(ReleaseFacts facts, Finding finding) {
        if (finding.verified() || facts.request() == null || facts.request().requestedAt() == null) {
            return Optional.empty();
        }
        Instant requested = facts.request().requestedAt();
        String workload = RestoreTarget.of(facts).map(RestoreTarget::workload).orElse(null);
        return finding.claims().stream()
                .filter(c -> !c.releaseId().equals(facts.releaseId()))
                .filter(c -> c.requestedAt() != null && c.requestedAt().isAfter(requested))
                // A newer release of another application on a shared routing object did not replace this one.
                .filter(c -> workload != null && workload.equals(c.workload()))
                .max(Comparator.comparing(Claim::requestedAt));
    }

    /**
     * Re-releasing a fix minutes after a rollback is what teams do: the newer release's canary (or its
     * promotion) is in the cluster now, and a restore of this release can no longer be seen, nor should
     * it be forced back (a re-trigger would undo the newer release). The wait ends quietly.
     */
    private static Outcome superseded(Decision current, Claim successor, Finding finding, Instant now) {
        Decision done = current.toBuilder()
                .status(DecisionStatus.SUPERSEDED)
                .supersededBy(successor.releaseId())
                .nextCheckAt(null)
                .lastFinding(finding.detail())
                .note("superseded by release " + successor.releaseId() + " (requested " + successor.requestedAt()
                        + "), which now owns " + successor.object() + ": the cluster has moved on to the newer "
                        + "release, so this restore is no longer verified, re-triggered or alerted on (" + now + ")")
                .build();
        return Outcome.updated(done, done.note(), List.of());
    }

    private static String describe(Decision current, Finding finding) {
        if (current.confirmedAt() != null) {
            return finding.detail();
        }
        String executor = current.executorReport() == null
                ? "the executor has not reported the restore"
                : "the executor reported: " + current.executorReport();
        return executor + "; cluster: " + finding.detail();
    }

    /** The rollback step, or any step that says the stable state was restored. */
    static boolean isRestoreReport(StepCompleted step) {
        return step.action() == StepCompleted.Action.ROLLBACK
                || step.phase() == StepCompleted.Phase.ROLLED_BACK
                || step.phase() == StepCompleted.Phase.ABORTED
                || step.phase() == StepCompleted.Phase.FAILED;
    }

    private static boolean restoreFailed(StepCompleted step) {
        return step.action() == StepCompleted.Action.ROLLBACK && step.outcome() == StepCompleted.Outcome.FAILED;
    }

    private static String describe(StepCompleted step) {
        return step.message() != null ? step.message() : "phase " + step.phase();
    }
}
