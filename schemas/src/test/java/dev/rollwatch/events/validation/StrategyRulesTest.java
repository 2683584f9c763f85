package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyRulesTest {

    private static List<FieldError> check(Strategy strategy) {
        Errors errors = new Errors();
        StrategyRules.check(errors, strategy, null);
        return errors.list();
    }

    private static Strategy blueGreen(Integer previewReplicas) {
        return new Strategy(
                Strategy.Type.BLUE_GREEN,
                null,
                new Strategy.BlueGreen("checkout-preview", null, null, previewReplicas),
                null,
                null);
    }

    private static Strategy rolling(String maxSurge, String maxUnavailable) {
        return new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling(maxSurge, maxUnavailable), null);
    }

    @Test
    void aBlueGreenPreviewRunsOneToAThousandReplicas() {
        assertThat(check(blueGreen(1))).isEmpty();
        assertThat(check(blueGreen(1000))).isEmpty();
        assertThat(check(blueGreen(0)))
                .containsExactly(new FieldError("strategy.blueGreen.previewReplicas", "must be between 1 and 1000"));
        assertThat(check(blueGreen(1001)))
                .extracting(FieldError::field)
                .containsExactly("strategy.blueGreen.previewReplicas");
    }

    @Test
    void aRollingPercentageCannotExceedTheWholeDeployment() {
        assertThat(check(rolling("100%", "25%"))).isEmpty();
        assertThat(check(rolling("101%", "1")))
                .containsExactly(new FieldError("strategy.rolling.maxSurge", "must not exceed 100%"));
    }

    @Test
    void aStepDeadlineNamesItsBoundsWhenOutsideThem() {
        Strategy tooShort = new Strategy(Strategy.Type.ROLLING, null, null, null, "5s");

        assertThat(check(tooShort))
                .containsExactly(new FieldError("strategy.stepDeadline", "must be between 10s and 24h"));
    }
}
