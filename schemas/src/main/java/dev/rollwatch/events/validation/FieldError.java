package dev.rollwatch.events.validation;

/**
 * One offending field of a release request.
 *
 * @param field   path of the field, e.g. {@code strategy.canary.steps[2].setWeight}
 * @param message what is wrong with it, in words a CI author can act on
 */
public record FieldError(String field, String message) {}
