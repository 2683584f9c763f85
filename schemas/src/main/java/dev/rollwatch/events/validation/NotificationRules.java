package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.httpUrl;
import static dev.rollwatch.events.validation.FieldFormats.maxLength;

import dev.rollwatch.address.PublicHost;
import dev.rollwatch.events.NotificationTarget;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where people hear about the release: each target carries what its channel needs to deliver. */
final class NotificationRules {

    private static final Pattern SLACK_CHANNEL = Pattern.compile("^[#@]?[a-zA-Z0-9][a-zA-Z0-9._-]{0,79}$");
    private static final int MAX_NOTIFICATIONS = 20;
    /**
     * A Statuspage page or component id (12 characters at Statuspage). The notifier keys each target by
     * {@code statuspage:<page>/<component>} in a {@code VARCHAR(512)} column and rate-limits by page in a
     * {@code VARCHAR(600)} one: two ids of 128 always fit, where longer ones made it dead-letter the
     * release and send no notification at all.
     */
    static final int MAX_STATUSPAGE_ID_LENGTH = 128;

    private NotificationRules() {}

    static void check(Errors errors, List<NotificationTarget> targets) {
        if (targets == null) {
            return;
        }
        if (targets.size() > MAX_NOTIFICATIONS) {
            errors.add("notifications", "must not list more than " + MAX_NOTIFICATIONS + " targets");
        }
        for (int i = 0; i < targets.size(); i++) {
            target(errors, "notifications[" + i + "]", targets.get(i));
        }
    }

    private static void target(Errors errors, String path, NotificationTarget target) {
        if (target == null) {
            errors.add(path, "must be a notification target, not null");
            return;
        }
        if (target.type() == null) {
            errors.add(path + ".type", "is required: one of slack, statuspage, webhook");
            return;
        }
        if (!fieldsFit(errors, path, target)) {
            return;
        }
        switch (target.type()) {
            case SLACK -> {
                if (target.channel() == null
                        || !SLACK_CHANNEL.matcher(target.channel()).matches()) {
                    errors.add(path + ".channel", "must be a Slack channel name or id (e.g. #releases)");
                }
            }
            case STATUSPAGE -> {
                if (blank(target.page())) {
                    errors.add(path + ".page", "is required for statuspage targets");
                }
                if (blank(target.component())) {
                    errors.add(path + ".component", "is required for statuspage targets");
                }
            }
            case WEBHOOK -> {
                // The notifier refuses these before every attempt anyway: refused here, the author hears at once.
                Optional<String> internal = PublicHost.refusal(target.url());
                if (internal.isPresent()) {
                    errors.add(path + ".url", internal.get());
                } else {
                    httpUrl(errors, path + ".url", target.url(), true);
                }
                // Releases travel to every service and into every history: no secret may ride in the URL.
                if (target.url() != null && target.url().contains("?")) {
                    errors.add(
                            path + ".url",
                            "must not carry a query string: webhooks are authenticated by "
                                    + "the notifier's signature, and the URL is visible in every release's history");
                }
            }
        }
    }

    /** Every field is bounded, whichever type reads it: a field the type ignores still travels with the release. */
    private static boolean fieldsFit(Errors errors, String path, NotificationTarget target) {
        boolean fit = maxLength(errors, path + ".channel", target.channel(), 80);
        fit &= maxLength(errors, path + ".page", target.page(), MAX_STATUSPAGE_ID_LENGTH);
        fit &= maxLength(errors, path + ".component", target.component(), MAX_STATUSPAGE_ID_LENGTH);
        fit &= maxLength(errors, path + ".url", target.url(), FieldFormats.MAX_URL_LENGTH);
        return fit;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
