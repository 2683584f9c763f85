package dev.rollwatch.system.metrics;

/** An expression this parser cannot read, with where it stopped. */
final class PromQlException extends IllegalArgumentException {

    PromQlException(String problem, String expression, int position) {
        super(problem + " at " + position + " in: " + expression);
    }
}
