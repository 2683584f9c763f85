package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    /** Records started so far, by the name they were submitted with; each settles when the test says. */
    private final Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();

    private Supplier<CompletionStage<Void>> record(String name) {
        return () -> {
            CompletableFuture<Void> settles = new CompletableFuture<>();
            started.put(name, settles);
            return settles;
        };
    }

    @Test
    void aReleasesNextRecordWaitsForItsLastWhileOtherReleasesGoOn() {
        KeyedLanes lanes = new KeyedLanes(8);

        lanes.submit("rel-1", record("rel-1 requested"));
        lanes.submit("rel-1", record("rel-1 step 1"));
        lanes.submit("rel-2", record("rel-2 requested"));

        assertThat(started).containsOnlyKeys("rel-1 requested", "rel-2 requested");

        started.get("rel-1 requested").complete(null);

        assertThat(started).containsOnlyKeys("rel-1 requested", "rel-2 requested", "rel-1 step 1");
    }

    @Test
    void theChannelWaitsOnceTheLimitIsInFlightAndGoesOnWhenOneSettles() {
        KeyedLanes lanes = new KeyedLanes(2);

        CompletionStage<Void> first = lanes.submit("rel-1", record("a"));
        CompletionStage<Void> second = lanes.submit("rel-2", record("b"));

        assertThat(first.toCompletableFuture()).isDone();
        assertThat(second.toCompletableFuture()).isNotDone();
        assertThat(lanes.inFlight()).isEqualTo(2);

        started.get("a").complete(null);

        assertThat(second.toCompletableFuture()).isDone();
        assertThat(lanes.inFlight()).isEqualTo(1);
    }

    @Test
    void aRecordThatFailsStillLetsItsReleasesNextRecordGo() {
        KeyedLanes lanes = new KeyedLanes(4);

        lanes.submit("rel-1", record("fails"));
        lanes.submit("rel-1", () -> {
            throw new IllegalStateException("a bug building the work");
        });
        lanes.submit("rel-1", record("next"));

        started.get("fails").completeExceptionally(new IllegalStateException("boom"));

        assertThat(started).containsKey("next");
        started.get("next").complete(null);
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void withOneLaneRecordsApplyOneAfterTheOther() {
        KeyedLanes lanes = new KeyedLanes(1);

        CompletionStage<Void> first = lanes.submit("rel-1", record("a"));

        assertThat(first.toCompletableFuture()).isNotDone();
        started.get("a").complete(null);
        assertThat(first.toCompletableFuture()).isDone();
    }

    @Test
    void keepsEveryReleasesOrderWhenRecordsSettleOnOtherThreads() throws Exception {
        KeyedLanes lanes = new KeyedLanes(8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, List<Integer>> applied = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                String key = "rel-" + (i % 37);
                int sequence = i;
                lanes.submit(
                                key,
                                () -> CompletableFuture.runAsync(
                                        () -> {
                                            sleepUpToAMillisecond();
                                            applied.computeIfAbsent(key, k -> new ArrayList<>())
                                                    .add(sequence);
                                        },
                                        pool))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lanes.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(lanes.inFlight()).isZero();
        assertThat(applied).hasSize(37);
        applied.values().forEach(sequence -> assertThat(sequence).isSorted());
        assertThat(applied.values().stream().mapToInt(List::size).sum()).isEqualTo(2_000);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new KeyedLanes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleepUpToAMillisecond() {
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(1_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
