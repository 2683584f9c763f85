package dev.rollwatch.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Every write the executor makes is a read-modify-write that sends the resourceVersion it read
 * (optimistic concurrency): when someone else changed the object in between, the API server answers
 * 409 and the whole read-modify-write runs again on the fresh object, so nobody's change is lost.
 * Other errors are sorted into permanent step failures (403, 404, 422) and transient ones.
 */
@ApplicationScoped
public class OptimisticWrites {

    private final Counter conflicts;

    OptimisticWrites(MeterRegistry registry) {
        this.conflicts = Counter.builder("rollwatch.executor.kubernetes.conflicts")
                .description("Kubernetes writes that met a resourceVersion conflict (409) and were retried")
                .register(registry);
    }

    /**
     * Runs {@code readModifyWrite} (which must read the object afresh each time); retried on 409.
     *
     * @param what the operation, for error messages: e.g. {@code "update Deployment shop/checkout"}
     */
    @Retry(retryOn = ConflictException.class, maxRetries = 5, delay = 20, jitter = 20)
    public <T> T update(String what, Supplier<T> readModifyWrite) {
        // Each attempt, retries included: a retry must not start once the lease is nearly over.
        WriteFence.check(what);
        try {
            return readModifyWrite.get();
        } catch (KubernetesClientException e) {
            RuntimeException translated = KubernetesErrors.translate(e, what);
            if (translated instanceof ConflictException) {
                conflicts.increment();
            }
            throw translated;
        }
    }

    /** Runs a read; errors are sorted like those of writes (no retry: a read has nothing to merge). */
    public <T> T read(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, what);
        }
    }
}
