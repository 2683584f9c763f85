package dev.rollwatch.rollback.verification;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;

/**
 * Reads whether a restore took effect: the stable version ready and receiving all traffic. Blocking
 * (it reads a cluster): call it off the event loop. Never throws for what it finds; a cluster that
 * cannot be read is a NOT_VERIFIED finding saying why.
 */
public interface ClusterVerifier {

    Finding verify(RestoreTarget target);
}
