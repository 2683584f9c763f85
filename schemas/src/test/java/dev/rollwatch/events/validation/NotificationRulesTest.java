package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.NotificationTarget;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    private static final NotificationTarget SLACK =
            new NotificationTarget(NotificationTarget.Type.SLACK, "#releases", null, null, null);

    private static List<FieldError> check(List<NotificationTarget> targets) {
        Errors errors = new Errors();
        NotificationRules.check(errors, targets);
        return errors.list();
    }

    @Test
    void aReleaseNotifiesAtMostTwentyTargets() {
        assertThat(check(Collections.nCopies(20, SLACK))).isEmpty();
        assertThat(check(Collections.nCopies(21, SLACK)))
                .containsExactly(new FieldError("notifications", "must not list more than 20 targets"));
    }

    @Test
    void aTargetWithoutATypeIsToldTheTypesAndTheOthersAreStillChecked() {
        NotificationTarget untyped = new NotificationTarget(null, null, null, null, "ftp://example.com");
        NotificationTarget badChannel = new NotificationTarget(NotificationTarget.Type.SLACK, "#", null, null, null);

        assertThat(check(List.of(untyped, badChannel)))
                .containsExactly(
                        new FieldError("notifications[0].type", "is required: one of slack, statuspage, webhook"),
                        new FieldError(
                                "notifications[1].channel", "must be a Slack channel name or id (e.g. #releases)"));
    }
}
