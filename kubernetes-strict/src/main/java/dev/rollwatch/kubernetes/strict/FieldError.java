package dev.rollwatch.kubernetes.strict;

/**
 * One reason an API server refuses an object, as it names it in a {@code Status}'s causes.
 *
 * @param field   the field's path as the API server writes it ({@code spec.template.spec.containers[0].image})
 * @param reason  the cause's reason ({@code FieldValueRequired}, {@code FieldValueInvalid}, ...)
 * @param message what is wrong ({@code Required value}, {@code field is immutable}, ...)
 */
public record FieldError(String field, String reason, String message) {

    public static FieldError invalid(String field, String message) {
        return new FieldError(field, "FieldValueInvalid", message);
    }

    /** The API server's one-line form: {@code spec.selector: Required value}. */
    @Override
    public String toString() {
        return field + ": " + message;
    }

    /** A JSON pointer of the validators ({@code /spec/containers/0/image}) as the API server's path. */
    static String fieldOf(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }
}
