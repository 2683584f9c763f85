package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    private static Lease stepInFlight() {
        return Lease.NONE.claimedBy("a#1", T0, LEASE);
    }

    @Test
    void aLeaseKeepsOthersOffUntilItRunsOut() {
        Lease lease = stepInFlight();

        assertThat(lease.heldAt(T0.plusSeconds(59))).isTrue();
        assertThat(lease.heldAt(T0.plus(LEASE))).isFalse();
        assertThat(lease.released("a#1").heldAt(T0)).isFalse();
    }

    @Test
    void onlyItsOwnerEndsALease() {
        Lease takenOver = stepInFlight().claimedBy("b#1", T0.plus(LEASE), LEASE);

        assertThat(takenOver.released("a#1")).isEqualTo(takenOver);
        assertThat(takenOver.released("b#1").heldAt(T0.plus(LEASE))).isFalse();
    }

    @Test
    void aRestoreTakesTheStepsLeaseAwayAndRemembersItsWritesMayStillLand() {
        Lease preempted = stepInFlight().restoreScheduled(false, T0.plusSeconds(5));

        assertThat(preempted.heldAt(T0.plusSeconds(5))).isFalse();
        assertThat(preempted.preemptedOutAt(T0.plusSeconds(5))).isTrue();
        assertThat(preempted.rerunAt(T0.plusSeconds(5))).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void aRestoreScheduledOverARestoreInFlightLeavesItsLeaseAlone() {
        Lease restoring = stepInFlight();

        assertThat(restoring.restoreScheduled(true, T0.plusSeconds(5))).isEqualTo(restoring);
    }

    @Test
    void aRestoreScheduledWhenNothingIsInFlightMarksNothing() {
        Lease expired = stepInFlight();

        assertThat(expired.restoreScheduled(false, T0.plus(LEASE))).isEqualTo(expired);
        assertThat(Lease.NONE.restoreScheduled(false, T0)).isEqualTo(Lease.NONE);
    }

    @Test
    void oncePreemptedStepEndedTheRestoreRunsAgainAtOnce() {
        Instant restoreClaimed = T0.plusSeconds(6);
        Lease restoring =
                stepInFlight().restoreScheduled(false, T0.plusSeconds(5)).claimedBy("b#1", restoreClaimed, LEASE);
        assertThat(restoring.preemptedOutAt(restoreClaimed)).isTrue();

        Lease stepEnded = restoring.preemptedEnded("a#1");

        assertThat(stepEnded.preemptedOutAt(restoreClaimed)).isFalse();
        assertThat(stepEnded.heldAt(restoreClaimed)).isTrue();
        assertThat(stepEnded.rerunAt(restoreClaimed)).isEqualTo(restoreClaimed);
        assertThat(restoring.preemptedEnded("b#1")).isEqualTo(restoring);
    }

    @Test
    void aPreemptedStepWhoseLeaseRanOutIsTakenForDeadByTheNextClaim() {
        Lease preempted = stepInFlight().restoreScheduled(false, T0.plusSeconds(5));

        Lease claimed = preempted.claimedBy("b#1", T0.plus(LEASE), LEASE);

        assertThat(claimed.preemptedOwner()).isNull();
        assertThat(claimed.preemptedOutAt(T0.plus(LEASE))).isFalse();
    }
}
