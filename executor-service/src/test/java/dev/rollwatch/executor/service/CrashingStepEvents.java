package dev.rollwatch.executor.service;

import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.StepReport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a crash between the Kubernetes change and the commit: the first time a step of the chosen
 * release is about to be published, the transaction fails (nothing commits, the cluster change stays).
 */
public class CrashingStepEvents extends StepEvents {

    private final StepEvents real;
    private final String releaseId;
    private final AtomicInteger crashes = new AtomicInteger();

    public CrashingStepEvents(StepEvents real, String releaseId) {
        super(null, null, null);
        this.real = real;
        this.releaseId = releaseId;
    }

    @Override
    public Uni<Published> publish(String id, int stepCount, StableSnapshot stable, List<StepReport> reports) {
        if (id.equals(releaseId) && !reports.isEmpty() && crashes.compareAndSet(0, 1)) {
            return Uni.createFrom().failure(new IllegalStateException("simulated crash before commit"));
        }
        return real.publish(id, stepCount, stable, reports);
    }

    @Override
    public void announce(Published published) {
        real.announce(published);
    }

    public int crashes() {
        return crashes.get();
    }
}
