package dev.rollwatch.events.validation;

import static dev.rollwatch.events.Strategy.CanaryStep.pauseFor;
import static dev.rollwatch.events.Strategy.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryStepRulesTest {

    private static List<FieldError> check(List<Strategy.CanaryStep> steps) {
        Errors errors = new Errors();
        CanaryStepRules.check(errors, new Strategy.Canary(steps));
        return errors.list();
    }

    @Test
    void aRejectedWeightIsNotTheOneLaterStepsMustExceed() {
        assertThat(check(List.of(weight(10), weight(120), weight(50))))
                .containsExactly(new FieldError("strategy.canary.steps[1].setWeight", "must be between 0 and 100"));
        assertThat(check(List.of(weight(40), weight(30), weight(35))))
                .containsExactly(
                        new FieldError(
                                "strategy.canary.steps[1].setWeight", "must be greater than the previous weight (40)"),
                        new FieldError(
                                "strategy.canary.steps[2].setWeight", "must be greater than the previous weight (40)"));
    }

    @Test
    void tooManyStepsIsTheOnlyComplaintAboutTheList() {
        assertThat(check(Collections.nCopies(51, pauseFor("1m"))))
                .containsExactly(new FieldError("strategy.canary.steps", "must not have more than 50 steps"));
        assertThat(check(Collections.nCopies(50, pauseFor("1m"))))
                .containsExactly(new FieldError("strategy.canary.steps", "must contain at least one setWeight step"));
    }

    @Test
    void aPauseLastsFromOneSecondToAWeek() {
        assertThat(check(List.of(weight(10), pauseFor("1s"), pauseFor("168h"), weight(20))))
                .isEmpty();
        assertThat(check(List.of(weight(10), pauseFor("500ms"), pauseFor("169h"))))
                .containsExactly(
                        new FieldError("strategy.canary.steps[1].pause.duration", "must be between 1s and 168h"),
                        new FieldError("strategy.canary.steps[2].pause.duration", "must be between 1s and 168h"));
    }
}
