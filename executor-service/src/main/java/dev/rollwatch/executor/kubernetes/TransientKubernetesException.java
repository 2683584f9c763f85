package dev.rollwatch.executor.kubernetes;

/** The Kubernetes API could not do it now (unreachable, 5xx, timeout): worth trying again later. */
public class TransientKubernetesException extends RuntimeException {

    public TransientKubernetesException(String message, Throwable cause) {
        super(message, cause);
    }
}
