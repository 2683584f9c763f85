package dev.rollwatch.healthmonitor.domain.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodHealthJudgeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final PodPolicy THREE_IN_TWO_MINUTES = new PodPolicy(3, Duration.ofMinutes(2));
    private static final String SELECTOR = "pods app=checkout,rollwatch.dev/track=canary in namespace shop";

    private static PodObservation pods(PodSnapshot... pods) {
        return new PodObservation(SELECTOR, List.of(pods), null);
    }

    private static PodHealthJudge.Result assess(PodHistory history, PodObservation pods, Instant at) {
        return PodHealthJudge.assess(history, pods, at, THREE_IN_TWO_MINUTES);
    }

    @Test
    void rollsBackWhenThePodsFailThreeTimesWithinTwoMinutes() {
        PodHealthJudge.Result first = assess(PodHistory.EMPTY, pods(new PodSnapshot("c-1", true, 0, null)), T0);
        PodHealthJudge.Result second =
                assess(first.history(), pods(new PodSnapshot("c-1", false, 2, "OOMKilled")), T0.plusSeconds(30));

        assertThat(first.breach()).isEmpty();
        assertThat(second.count()).isEqualTo(3);
        assertThat(second.breach())
                .hasValue("3 pod failures in 2m (limit 3): c-1 restarted (OOMKilled) x2, no longer ready");
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        PodHealthJudge.Result restartedTwice =
                assess(PodHistory.EMPTY, pods(new PodSnapshot("c-1", true, 2, null)), T0);
        PodHealthJudge.Result later = assess(
                restartedTwice.history(),
                pods(new PodSnapshot("c-1", true, 3, null)),
                T0.plus(Duration.ofMinutes(2)).plusSeconds(1));

        assertThat(later.count()).isEqualTo(1);
        assertThat(later.breach()).isEmpty();
    }

    @Test
    void eachFailureCountsOnceHoweverOftenItIsSeen() {
        PodHistory history = PodHistory.EMPTY;
        for (int s = 0; s < 60; s++) {
            history = assess(history, pods(new PodSnapshot("c-1", false, 1, "CrashLoopBackOff")), T0.plusSeconds(s))
                    .history();
        }

        assertThat(history.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.what()).isEqualTo("restarted (CrashLoopBackOff)"));
    }

    @Test
    void aContainerThatNeverStartsCountsWithoutARestart() {
        PodHealthJudge.Result result = assess(
                PodHistory.EMPTY,
                pods(
                        new PodSnapshot("c-1", false, 0, "ImagePullBackOff"),
                        new PodSnapshot("c-2", false, 0, "ImagePullBackOff"),
                        new PodSnapshot("c-3", false, 0, "ErrImagePull")),
                T0);

        assertThat(result.breach())
                .hasValue("3 pod failures in 2m (limit 3): c-1 ImagePullBackOff; c-2 ImagePullBackOff;"
                        + " c-3 ErrImagePull");
    }

    @Test
    void podsStartingUpAreNotFailures() {
        PodHealthJudge.Result starting = assess(
                PodHistory.EMPTY,
                pods(new PodSnapshot("c-1", false, 0, null), new PodSnapshot("c-2", false, 0, null)),
                T0);
        PodHealthJudge.Result ready = assess(
                starting.history(),
                pods(new PodSnapshot("c-1", true, 0, null), new PodSnapshot("c-2", true, 0, null)),
                T0.plusSeconds(5));

        assertThat(ready.count()).isZero();
    }

    @Test
    void podsThatCannotBeListedDecideNothingAndOldFailuresStillAgeOut() {
        PodHealthJudge.Result restarted = assess(PodHistory.EMPTY, pods(new PodSnapshot("c-1", true, 2, null)), T0);
        PodHealthJudge.Result unknown = assess(
                restarted.history(),
                PodObservation.failed(SELECTOR, "connection refused"),
                T0.plus(Duration.ofMinutes(3)));

        assertThat(unknown.count()).isZero();
        assertThat(unknown.history().seen()).containsKey("c-1");
        assertThat(assess(PodHistory.EMPTY, PodObservation.NOT_LOOKED, T0).breach())
                .isEmpty();
    }
}
