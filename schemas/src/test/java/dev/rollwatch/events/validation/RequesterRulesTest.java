package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequesterRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static List<FieldError> checkCommittedAt(Instant commitTime) {
        Errors errors = new Errors();
        RequesterRules.check(errors, new ReleaseRequested.Requester("ci", "pipe", "abcdef1", commitTime, null), NOW);
        return errors.list();
    }

    @Test
    void aCiClockUpToFiveMinutesAheadIsTolerated() {
        assertThat(checkCommittedAt(NOW.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(checkCommittedAt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .containsExactly(new FieldError("requestedBy.commitTime", "must not be in the future"));
    }
}
