package dev.rollwatch.executor.service;

import dev.rollwatch.executor.domain.Rollout;
import dev.rollwatch.executor.domain.StepReport;
import dev.rollwatch.executor.persistence.RolloutEntity;
import java.time.Instant;
import java.util.List;

/**
 * What a piece of Kubernetes work found, to be written once it is over: applied to the release as it
 * stands in the recording transaction (which the version check proved to be the state the work was
 * leased from). Returns the step reports to publish with it.
 */
@FunctionalInterface
interface Recording {

    List<StepReport> applyTo(RolloutEntity entity, Rollout rollout, Instant now);
}
