package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.address.AddressForms;
import dev.rollwatch.address.AddressForms.Form;
import dev.rollwatch.events.NotificationTarget;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static NotificationTarget webhook(String url) {
        return new NotificationTarget(NotificationTarget.Type.WEBHOOK, null, null, null, url);
    }

    static Stream<Form> refusedForms() {
        return AddressForms.refused();
    }

    static Stream<Form> allowedForms() {
        return AddressForms.allowed();
    }

    @ParameterizedTest
    @MethodSource("refusedForms")
    void aWebhookWritingAnInternalOrAmbiguousAddressIsRefusedNamingTheField(Form form) {
        List<FieldError> errors = check(List.of(SLACK, webhook(form.url())));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("notifications[1].url");
            assertThat(error.message()).startsWith("must name a public host: ").contains(form.host());
        });
    }

    @ParameterizedTest
    @MethodSource("allowedForms")
    void aWebhookOnAPublicAddressWrittenPlainlyIsAccepted(Form form) {
        assertThat(check(List.of(webhook(form.url())))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"https://hooks.example.com/x", "http://localhost:8089/hook", "https://hooks.example.com./x"})
    void aWebhookNamingItsHostIsLeftToTheNotifierWhichResolvesIt(String url) {
        assertThat(check(List.of(webhook(url)))).isEmpty();
    }

    @Test
    void theRefusalSaysWhichAddressTheHostIs() {
        assertThat(check(List.of(webhook("https://012.0.0.1/hook"))))
                .containsExactly(new FieldError(
                        "notifications[0].url",
                        "must name a public host: host 012.0.0.1 is the private address 10.0.0.1 "
                                + "as curl and the C library read it"));
        assertThat(check(List.of(webhook("http://[::a00:1]/"))))
                .containsExactly(new FieldError(
                        "notifications[0].url",
                        "must name a public host: [::a00:1] reaches the private address 10.0.0.1"));
    }
}
