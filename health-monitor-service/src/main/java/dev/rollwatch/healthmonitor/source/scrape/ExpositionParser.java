package dev.rollwatch.healthmonitor.source.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (0.0.4) and its OpenMetrics successor: sample lines
 * with optional labels, timestamps and exemplars; comments, HELP, TYPE and EOF lines are skipped.
 */
public final class ExpositionParser {

    private ExpositionParser() {}

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * The exposition could not be read; the message names the line and the problem, never the text
     * (it ends up in verdicts and warnings, and the endpoint's content is not theirs to show).
     */
    public static final class ExpositionException extends IllegalArgumentException {
        ExpositionException(int line, String problem) {
            super("metrics exposition line " + line + ": " + problem);
        }
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            samples.add(new LineReader(line, i + 1).sample());
        }
        return samples;
    }

    private static final class LineReader {
        private final String line;
        private final int number;
        private int pos;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                labels(labels);
            }
            skipSpaces();
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw new ExpositionException(number, "a sample has no value");
            }
            // Anything after the value is a timestamp and/or an OpenMetrics exemplar: not needed here.
            return new Sample(name, labels, value(line.substring(start, pos)));
        }

        private String name() {
            int start = pos;
            while (pos < line.length()
                    && (Character.isLetterOrDigit(line.charAt(pos))
                            || line.charAt(pos) == '_'
                            || line.charAt(pos) == ':')) {
                pos++;
            }
            if (start == pos) {
                throw new ExpositionException(number, "expected a metric name");
            }
            return line.substring(start, pos);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipSpaces();
                if (pos >= line.length()) {
                    throw new ExpositionException(number, "unterminated label set");
                }
                if (line.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                String label = name();
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                labels.put(label, quoted());
                skipSpaces();
                if (pos < line.length() && line.charAt(pos) == ',') {
                    pos++;
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < line.length()) {
                    char escaped = line.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw new ExpositionException(number, "unterminated label value");
        }

        private void expect(char c) {
            if (pos >= line.length() || line.charAt(pos) != c) {
                throw new ExpositionException(number, "malformed label set");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }

        private double value(String text) {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new ExpositionException(number, "a sample's value is not a number");
                    }
                }
            };
        }
    }
}
