package dev.rollwatch.events.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations of one request, in the order the rules found them: that order is what a CI author
 * reads top to bottom, and what {@link ReleaseValidator} promises.
 */
final class Errors {

    private final List<FieldError> list = new ArrayList<>();

    void add(String field, String message) {
        list.add(new FieldError(field, message));
    }

    List<FieldError> list() {
        return List.copyOf(list);
    }
}
