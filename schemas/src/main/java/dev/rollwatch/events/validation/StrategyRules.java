package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.dnsLabel;
import static dev.rollwatch.events.validation.FieldFormats.duration;

import dev.rollwatch.events.Strategy;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the release rolls out: a type, only that type's block, and settings the executor can carry out.
 * The canary's steps have rules of their own ({@link CanaryStepRules}).
 */
final class StrategyRules {

    /** A count of pods or a percentage: seven digits (ten million pods) is more than any Deployment has. */
    private static final Pattern INT_OR_PERCENT = Pattern.compile("^[0-9]{1,7}%?$");

    private static final Duration MIN_STEP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration MAX_STEP_DEADLINE = Duration.ofHours(24);
    private static final Duration MAX_DELAY = Duration.ofHours(24);
    /**
     * The shortest bake of a rolling update: the rolled-out version must be watched long enough for
     * the health monitor to judge it at least once at the shortest interval it scrapes in practice
     * (1s, a few windows' worth). {@code 0s} meant "never watched once rolled out", which is refused.
     * A release that sets {@code slo.interval} must also bake at least that long.
     */
    static final Duration MIN_BAKE_TIME = Duration.ofSeconds(3);

    private StrategyRules() {}

    static void check(Errors errors, Strategy strategy, Duration sloInterval) {
        if (strategy == null) {
            errors.add("strategy", "is required");
            return;
        }
        if (strategy.type() == null) {
            errors.add("strategy.type", "is required: one of canary, blueGreen, rolling");
            return;
        }
        blocksMatchType(errors, strategy);
        duration(errors, "strategy.stepDeadline", strategy.stepDeadline(), MIN_STEP_DEADLINE, MAX_STEP_DEADLINE);
        switch (strategy.type()) {
            case CANARY -> CanaryStepRules.check(errors, strategy.canary());
            case BLUE_GREEN -> blueGreen(errors, strategy.blueGreen());
            case ROLLING -> rolling(errors, strategy.rolling(), sloInterval);
        }
    }

    private static void blocksMatchType(Errors errors, Strategy strategy) {
        if (strategy.type() != Strategy.Type.CANARY && strategy.canary() != null) {
            errors.add("strategy.canary", "is only allowed when strategy.type is canary");
        }
        if (strategy.type() != Strategy.Type.BLUE_GREEN && strategy.blueGreen() != null) {
            errors.add("strategy.blueGreen", "is only allowed when strategy.type is blueGreen");
        }
        if (strategy.type() != Strategy.Type.ROLLING && strategy.rolling() != null) {
            errors.add("strategy.rolling", "is only allowed when strategy.type is rolling");
        }
    }

    private static void blueGreen(Errors errors, Strategy.BlueGreen blueGreen) {
        if (blueGreen == null) {
            return;
        }
        dnsLabel(errors, "strategy.blueGreen.previewService", blueGreen.previewService(), false);
        duration(errors, "strategy.blueGreen.scaleDownDelay", blueGreen.scaleDownDelay(), Duration.ZERO, MAX_DELAY);
        if (blueGreen.previewReplicas() != null
                && (blueGreen.previewReplicas() < 1 || blueGreen.previewReplicas() > 1000)) {
            errors.add("strategy.blueGreen.previewReplicas", "must be between 1 and 1000");
        }
    }

    private static void rolling(Errors errors, Strategy.Rolling rolling, Duration sloInterval) {
        if (rolling == null) {
            return;
        }
        boolean surgeValid = intOrPercent(errors, "strategy.rolling.maxSurge", rolling.maxSurge());
        boolean unavailableValid = intOrPercent(errors, "strategy.rolling.maxUnavailable", rolling.maxUnavailable());
        // Only judged once both parse: a malformed value already has its own message.
        if (surgeValid && unavailableValid && isZero(rolling.maxSurge()) && isZero(rolling.maxUnavailable())) {
            errors.add(
                    "strategy.rolling",
                    "maxSurge and maxUnavailable cannot both be zero: the rollout could never progress");
        }
        Duration bake = duration(errors, "strategy.rolling.bakeTime", rolling.bakeTime(), MIN_BAKE_TIME, MAX_DELAY);
        if (bake != null && sloInterval != null && bake.compareTo(sloInterval) < 0) {
            errors.add(
                    "strategy.rolling.bakeTime",
                    "must not be shorter than slo.interval: the rolled-out version would never be judged");
        }
    }

    private static boolean intOrPercent(Errors errors, String path, String value) {
        if (value == null) {
            return true;
        }
        if (!INT_OR_PERCENT.matcher(value).matches()) {
            errors.add(path, "must be a whole number of at most 7 digits or a percentage (e.g. 1 or 25%)");
            return false;
        }
        if (value.endsWith("%") && Integer.parseInt(value.substring(0, value.length() - 1)) > 100) {
            errors.add(path, "must not exceed 100%");
            return false;
        }
        return true;
    }

    private static boolean isZero(String value) {
        return value != null && value.replace("%", "").matches("0+");
    }
}
