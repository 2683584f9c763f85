package dev.rollwatch.executor.service;

import dev.rollwatch.executor.domain.PlannedStep;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.kubernetes.WriteFence;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays a Kubernetes call that does not come back: the first time a step of the chosen release is
 * applied, the call waits until the test {@linkplain #letGo lets it go} before it writes anything, as
 * a slow API server (or an instance stuck mid-call) would. Everything else goes to the real runner.
 * Keeps the order in which the release's work happened, to show which writes landed last.
 */
public class HeldStepRunner extends StepRunner {

    private final StepRunner real;
    private final String releaseId;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private final List<String> history = new CopyOnWriteArrayList<>();

    public HeldStepRunner(StepRunner real, String releaseId) {
        super(null, null);
        this.real = real;
        this.releaseId = releaseId;
    }

    @Override
    public Outcome apply(RunContext ctx, PlannedStep step) {
        if (ctx.releaseId().equals(releaseId) && held.getCount() > 0) {
            held.countDown();
            history.add("step held");
            await(letGo);
            Outcome outcome;
            try {
                outcome = real.apply(ctx, step);
            } catch (WriteFence.LeaseRanOut e) {
                history.add("held step refused");
                throw e;
            }
            history.add("held step wrote");
            return outcome;
        }
        Outcome outcome = real.apply(ctx, step);
        note("step applied", ctx);
        return outcome;
    }

    @Override
    public Outcome check(RunContext ctx, PlannedStep step) {
        return real.check(ctx, step);
    }

    @Override
    public String restore(RunContext ctx) {
        String restored = real.restore(ctx);
        note("restored", ctx);
        return restored;
    }

    @Override
    public StableSnapshot record(RunContext ctx) {
        return real.record(ctx);
    }

    @Override
    public StableSnapshot read(RunContext ctx) {
        return real.read(ctx);
    }

    /** Waits until the release's step is being applied and held. */
    public void awaitHeld() {
        await(held);
    }

    /** The held call goes on (and writes). */
    public void letGo() {
        letGo.countDown();
    }

    /**
     * What happened to the release, in order: "step held", "restored", "held step wrote" (or "held step
     * refused" when its lease no longer allowed it to write), "step applied".
     */
    public List<String> history() {
        return List.copyOf(history);
    }

    public long count(String what) {
        return history.stream().filter(what::equals).count();
    }

    private void note(String what, RunContext ctx) {
        if (ctx.releaseId().equals(releaseId)) {
            history.add(what);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never let the held step go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
