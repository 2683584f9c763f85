package dev.rollwatch.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Sorts Kubernetes API errors into permanent step failures and transient ones. */
public final class KubernetesErrors {

    private KubernetesErrors() {}

    /**
     * @param what the operation, for people: e.g. {@code "update Deployment shop/checkout"}
     */
    public static RuntimeException translate(KubernetesClientException e, String what) {
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return switch (e.getCode()) {
            case 401 ->
                new StepFailure("cannot " + what + ": the executor's credentials were rejected (401): " + detail, e);
            case 403 ->
                new StepFailure(
                        "cannot " + what + ": forbidden (403); the executor's service account lacks "
                                + "this permission (see deploy/kubernetes/base/rbac/executor-service.yaml): " + detail,
                        e);
            case 404 -> new StepFailure("cannot " + what + ": not found (404): " + detail, e);
            case 409 ->
                new ConflictException("cannot " + what + ": the object changed while it was being updated (409)", e);
            case 400, 422 ->
                new StepFailure(
                        "cannot " + what + ": the API server rejected the object (" + e.getCode() + "): " + detail, e);
            default ->
                new TransientKubernetesException(
                        "cannot " + what + ": " + (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + detail, e);
        };
    }
}
