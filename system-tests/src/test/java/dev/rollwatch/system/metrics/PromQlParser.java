package dev.rollwatch.system.metrics;

import dev.rollwatch.system.metrics.PromQlLexer.Kind;
import dev.rollwatch.system.metrics.PromQlLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a PromQL expression and reports every metric it selects with how it is used: under which
 * function (what type that needs) and grouped by which labels. It builds no tree: the type a selector
 * needs depends only on the functions and aggregations around it, never on binary operators, so
 * operands joined by operators are read one after the other, whatever their precedence.
 */
final class PromQlParser {

    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");
    private static final Set<String> GAUGE_FUNCTIONS = Set.of("delta", "idelta", "deriv", "predict_linear");
    /** Functions that make labels of their own: a grouping above them may use labels no metric has. */
    private static final Set<String> LABEL_MAKERS = Set.of("label_replace", "label_join");

    private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "unless", "atan2");
    private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

    private final String expression;
    private final List<Token> tokens;
    private final List<MetricUse> uses = new ArrayList<>();
    private int next;

    private PromQlParser(String expression) {
        this.expression = expression;
        this.tokens = PromQlLexer.tokens(expression);
    }

    /** Every metric selector of the expression, in the order they appear. */
    static List<MetricUse> uses(String expression) {
        PromQlParser parser = new PromQlParser(expression);
        parser.expression(Context.TOP);
        parser.expect(Kind.END, "the end of the expression");
        return List.copyOf(parser.uses);
    }

    private void expression(Context context) {
        operand(context);
        while (binaryOperator()) {
            operand(context);
        }
    }

    /** Consumes a binary operator and its modifiers ({@code bool}, {@code on(...)}, {@code group_left}), if next. */
    private boolean binaryOperator() {
        Token token = peek();
        boolean symbol = token.is(Kind.OPERATOR)
                && (!MATCH_OPERATORS.contains(token.text()) || token.text().equals("!="));
        boolean word = token.is(Kind.IDENTIFIER) && WORD_OPERATORS.contains(lower(token));
        if (!symbol && !word) {
            return false;
        }
        advance();
        if (peek().isWord("bool")) {
            advance();
        }
        if (peek().isWord("on") || peek().isWord("ignoring")) {
            advance();
            labelList();
        }
        if (peek().isWord("group_left") || peek().isWord("group_right")) {
            advance();
            if (peek().is(Kind.LEFT_PAREN)) {
                labelList();
            }
        }
        return true;
    }

    private void operand(Context context) {
        Token token = advance();
        switch (token.kind()) {
            case OPERATOR -> {
                if (!token.text().equals("-") && !token.text().equals("+")) {
                    throw unexpected(token);
                }
                operand(context);
            }
            case NUMBER, STRING -> {}
            case LEFT_PAREN -> {
                expression(context);
                expect(Kind.RIGHT_PAREN, "')'");
            }
            case LEFT_BRACE -> selector(null, context);
            case IDENTIFIER -> identifier(token, context);
            default -> throw unexpected(token);
        }
        modifiers();
    }

    private void identifier(Token token, Context context) {
        String word = lower(token);
        if (AGGREGATIONS.contains(word)
                && (peek().is(Kind.LEFT_PAREN) || peek().isWord("by") || peek().isWord("without"))) {
            aggregation(context);
        } else if (peek().is(Kind.LEFT_PAREN)) {
            call(word, context);
        } else if (word.equals("inf") || word.equals("nan")) {
            return;
        } else {
            if (peek().is(Kind.LEFT_BRACE)) {
                advance();
                selector(token.text(), context);
            } else {
                record(token.text(), Map.of(), context);
            }
        }
    }

    /** {@code op [by|without (labels)] (args) [by|without (labels)]}. */
    private void aggregation(Context context) {
        Set<String> grouping = grouping();
        if (grouping == null && peek().is(Kind.LEFT_PAREN)) {
            // The grouping may follow the arguments; it applies to them all the same.
            int close = matchingParenthesis(next);
            int saved = next;
            next = close + 1;
            grouping = grouping();
            int afterGrouping = next;
            next = saved;
            arguments(context.groupedBy(grouping == null ? Set.of() : grouping));
            next = Math.max(next, afterGrouping);
            return;
        }
        arguments(context.groupedBy(grouping));
    }

    /** The labels of {@code by (...)}; none for {@code without (...)} (what remains is unknown here); null if neither. */
    private Set<String> grouping() {
        if (peek().isWord("by")) {
            advance();
            return labelList();
        }
        if (peek().isWord("without")) {
            advance();
            labelList();
            return Set.of();
        }
        return null;
    }

    private void call(String function, Context context) {
        arguments(context.entering(function));
    }

    private void arguments(Context context) {
        expect(Kind.LEFT_PAREN, "'('");
        if (!peek().is(Kind.RIGHT_PAREN)) {
            expression(context);
            while (peek().is(Kind.COMMA)) {
                advance();
                expression(context);
            }
        }
        expect(Kind.RIGHT_PAREN, "')'");
    }

    /** The matchers of a selector whose '{' was just read; {@code name} is null for {@code {__name__="x"}}. */
    private void selector(String name, Context context) {
        Map<String, String> equalities = new HashMap<>();
        String metric = name;
        while (!peek().is(Kind.RIGHT_BRACE)) {
            Token label = advance();
            if (label.is(Kind.STRING) && (peek().is(Kind.COMMA) || peek().is(Kind.RIGHT_BRACE))) {
                metric = label.text(); // {"metric.name", ...}: a quoted metric name
            } else {
                if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
                    throw unexpected(label);
                }
                Token operator = advance();
                if (!operator.is(Kind.OPERATOR) || !MATCH_OPERATORS.contains(operator.text())) {
                    throw unexpected(operator);
                }
                String value = expect(Kind.STRING, "a quoted label value").text();
                if (label.text().equals("__name__")) {
                    if (!operator.text().equals("=")) {
                        throw new PromQlException(
                                "a metric chosen by a pattern cannot be checked", expression, label.position());
                    }
                    metric = value;
                } else if (operator.text().equals("=")) {
                    equalities.put(label.text(), value);
                }
            }
            if (!peek().is(Kind.COMMA)) {
                break;
            }
            advance();
        }
        expect(Kind.RIGHT_BRACE, "'}'");
        if (metric == null) {
            throw new PromQlException("a selector without a metric name", expression, next);
        }
        record(metric, equalities, context);
    }

    private void record(String metric, Map<String, String> equalities, Context context) {
        Need need = context.quantile() || metric.endsWith("_bucket") ? Need.HISTOGRAM_BUCKETS : context.need();
        uses.add(new MetricUse(metric, need, equalities, context.grouping()));
    }

    /** A range or subquery, {@code offset} and {@code @}: none of them changes what is selected. */
    private void modifiers() {
        while (true) {
            if (peek().is(Kind.RANGE)) {
                advance();
            } else if (peek().isWord("offset")) {
                advance();
                if (peek().is(Kind.OPERATOR) && peek().text().equals("-")) {
                    advance();
                }
                expect(Kind.NUMBER, "a duration");
            } else if (peek().is(Kind.AT)) {
                advance();
                Token at = advance();
                if (at.isWord("start") || at.isWord("end")) {
                    expect(Kind.LEFT_PAREN, "'('");
                    expect(Kind.RIGHT_PAREN, "')'");
                } else if (!at.is(Kind.NUMBER)) {
                    throw unexpected(at);
                }
            } else {
                return;
            }
        }
    }

    private Set<String> labelList() {
        expect(Kind.LEFT_PAREN, "'('");
        Set<String> labels = new LinkedHashSet<>();
        while (!peek().is(Kind.RIGHT_PAREN)) {
            Token label = advance();
            if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
                throw unexpected(label);
            }
            labels.add(label.text());
            if (!peek().is(Kind.COMMA)) {
                break;
            }
            advance();
        }
        expect(Kind.RIGHT_PAREN, "')'");
        return labels;
    }

    private int matchingParenthesis(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(Kind.LEFT_PAREN)) {
                depth++;
            } else if (tokens.get(i).is(Kind.RIGHT_PAREN) && --depth == 0) {
                return i;
            }
        }
        throw new PromQlException(
                "unbalanced parentheses", expression, tokens.get(open).position());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (!token.is(Kind.END)) {
            next++;
        }
        return token;
    }

    private Token expect(Kind kind, String what) {
        Token token = advance();
        if (!token.is(kind)) {
            throw new PromQlException(
                    "expected " + what + " but found '" + token.text() + "'", expression, token.position());
        }
        return token;
    }

    private PromQlException unexpected(Token token) {
        return new PromQlException(
                token.is(Kind.END) ? "unexpected end" : "unexpected '" + token.text() + "'",
                expression,
                token.position());
    }

    private static String lower(Token token) {
        return token.text().toLowerCase(Locale.ROOT);
    }

    /** What the functions and aggregations around a selector make of it. */
    private record Context(Need need, boolean quantile, Set<String> grouping) {

        static final Context TOP = new Context(Need.ANY, false, Set.of());

        Context entering(String function) {
            if (COUNTER_FUNCTIONS.contains(function)) {
                return new Context(Need.COUNTER, quantile, grouping);
            }
            if (GAUGE_FUNCTIONS.contains(function)) {
                return new Context(Need.GAUGE, quantile, grouping);
            }
            if (function.equals("histogram_quantile")) {
                return new Context(need, true, grouping);
            }
            if (LABEL_MAKERS.contains(function)) {
                return new Context(need, quantile, Set.of());
            }
            return this;
        }

        Context groupedBy(Set<String> labels) {
            return new Context(need, quantile, labels);
        }
    }
}
