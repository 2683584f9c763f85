package dev.rollwatch.system.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL expression into tokens. A range or subquery ({@code [5m]}, {@code [1h:1m]}) is kept
 * as one token: what is inside never names a metric. No PromQL parser for Java is available to this
 * build, so this covers the language's lexical forms rather than only those our files use today.
 */
final class PromQlLexer {

    enum Kind {
        IDENTIFIER,
        NUMBER,
        STRING,
        RANGE,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACE,
        RIGHT_BRACE,
        COMMA,
        /** Label matchers ({@code = != =~ !~}) and binary operators alike. */
        OPERATOR,
        AT,
        END
    }

    record Token(Kind kind, String text, int position) {

        boolean is(Kind expected) {
            return kind == expected;
        }

        boolean isWord(String word) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
        }
    }

    private final String source;
    private int position;

    private PromQlLexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String expression) {
        return new PromQlLexer(expression).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (position >= source.length()) {
                tokens.add(new Token(Kind.END, "", position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '#') {
                while (position < source.length() && source.charAt(position) != '\n') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = position;
        char c = source.charAt(position);
        if (Character.isLetter(c) || c == '_' || c == ':') {
            while (position < source.length() && isIdentifierPart(source.charAt(position))) {
                position++;
            }
            return token(Kind.IDENTIFIER, start);
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < source.length() && Character.isDigit(peek(1)))) {
            // Numbers, hex numbers and durations (5m, 1h30m) alike: none of them names a metric.
            while (position < source.length()
                    && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '.')) {
                position++;
            }
            return token(Kind.NUMBER, start);
        }
        return switch (c) {
            case '"', '\'', '`' -> string(c);
            case '[' -> range();
            case '(' -> single(Kind.LEFT_PAREN);
            case ')' -> single(Kind.RIGHT_PAREN);
            case '{' -> single(Kind.LEFT_BRACE);
            case '}' -> single(Kind.RIGHT_BRACE);
            case ',' -> single(Kind.COMMA);
            case '@' -> single(Kind.AT);
            default -> operator();
        };
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private char peek(int ahead) {
        return source.charAt(position + ahead);
    }

    private Token single(Kind kind) {
        position++;
        return new Token(kind, source.substring(position - 1, position), position - 1);
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, source.substring(start, position), start);
    }

    /** A quoted string, its escapes resolved (backquoted strings have none). */
    private Token string(char quote) {
        int start = position++;
        StringBuilder text = new StringBuilder();
        while (position < source.length() && source.charAt(position) != quote) {
            char c = source.charAt(position++);
            if (c == '\\' && quote != '`' && position < source.length()) {
                char escaped = source.charAt(position++);
                text.append(
                        switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> escaped;
                        });
            } else {
                text.append(c);
            }
        }
        if (position >= source.length()) {
            throw new PromQlException("unterminated string", source, start);
        }
        position++;
        return new Token(Kind.STRING, text.toString(), start);
    }

    private Token range() {
        int start = position;
        int end = source.indexOf(']', position);
        if (end < 0) {
            throw new PromQlException("unterminated range", source, start);
        }
        position = end + 1;
        return new Token(Kind.RANGE, source.substring(start + 1, end).trim(), start);
    }

    private Token operator() {
        for (String operator :
                List.of("==", "!=", "=~", "!~", ">=", "<=", "=", "+", "-", "*", "/", "%", "^", ">", "<")) {
            if (source.startsWith(operator, position)) {
                position += operator.length();
                return new Token(Kind.OPERATOR, operator, position - operator.length());
            }
        }
        throw new PromQlException("unexpected character '" + source.charAt(position) + "'", source, position);
    }
}
