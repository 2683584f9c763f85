package dev.rollwatch.rollback.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of applying one input (signal, command, step, timer) to a release's decision.
 *
 * @param decision      the decision after the input; empty when it did not change
 * @param effects       what to publish or record with it, in order
 * @param inputEffect   what became of the input
 * @param note          why, for the audit trail
 * @param deferredUntil for a deferred input: when it is decided anyway
 */
public record Outcome(
        Optional<Decision> decision,
        List<Effect> effects,
        InputEffect inputEffect,
        String note,
        Instant deferredUntil) {

    public Outcome {
        Objects.requireNonNull(decision, "decision");
        effects = List.copyOf(effects);
        Objects.requireNonNull(inputEffect, "inputEffect");
        Objects.requireNonNull(note, "note");
        if ((inputEffect == InputEffect.DEFERRED) != (deferredUntil != null)) {
            throw new IllegalArgumentException("a deferred input, and only one, has a due time");
        }
    }

    public static Outcome decided(Decision decision, String note, List<Effect> effects) {
        return new Outcome(Optional.of(decision), effects, InputEffect.DECIDED, note, null);
    }

    /** Changed the decision's bookkeeping (checks, confirmations) without deciding anything new. */
    public static Outcome updated(Decision decision, String note, List<Effect> effects) {
        return new Outcome(Optional.of(decision), effects, InputEffect.RECORDED, note, null);
    }

    public static Outcome recorded(String note) {
        return new Outcome(Optional.empty(), List.of(), InputEffect.RECORDED, note, null);
    }

    public static Outcome deferred(Instant until, String note) {
        return new Outcome(Optional.empty(), List.of(), InputEffect.DEFERRED, note, until);
    }

    public boolean changed() {
        return decision.isPresent();
    }
}
