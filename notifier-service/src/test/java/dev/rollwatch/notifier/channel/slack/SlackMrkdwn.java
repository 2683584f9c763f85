package dev.rollwatch.notifier.channel.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a mrkdwn text shows what people wrote as text. Slack reads {@code &}, {@code <} and
 * {@code >} as control characters and asks for them as {@code &amp;}, {@code &lt;} and {@code &gt;}
 * when they are not used to format (docs.slack.dev/messaging/formatting-message-text#escaping). So
 * here a {@code <...>} must be a link to an http(s) URL or a mention Rollwatch was configured with,
 * and every other {@code &}, {@code <} or {@code >} an entity: a stray one is user text that can
 * mention a channel ({@code <!channel>}) or hide a link.
 */
final class SlackMrkdwn {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>|]+(\\|[^<>|]+)?");
    private static final Set<String> ENTITIES = Set.of("&amp;", "&lt;", "&gt;");
    private static final int SHOWN = 24;
    /** Enough to see what is wrong; a long text of user input could otherwise list hundreds. */
    private static final int LISTED = 3;

    private SlackMrkdwn() {}

    /**
     * @param mentions the special mentions the text may carry as they are written, e.g. {@code <!here>}
     */
    static List<String> problems(String text, Set<String> mentions) {
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int close = text.indexOf('>', i);
                String token = close < 0 ? null : text.substring(i, close + 1);
                if (token == null || token.indexOf('<', 1) > 0) {
                    problems.add("unescaped '<' " + around(text, i));
                } else if (isMention(token)) {
                    if (!mentions.contains(token)) {
                        problems.add("a mention Rollwatch was not configured with, " + token);
                    }
                    i = close + 1;
                    continue;
                } else if (LINK.matcher(token.substring(1, token.length() - 1)).matches()) {
                    // The URL and the label are text too: an '&' in them is escaped like anywhere else.
                    problems.addAll(ampersands(token, text, i));
                    i = close + 1;
                    continue;
                } else {
                    problems.add("unescaped '<' " + around(text, i));
                }
            } else if (c == '>') {
                problems.add("unescaped '>' " + around(text, i));
            } else if (c == '&' && !entityAt(text, i)) {
                problems.add("unescaped '&' " + around(text, i));
            }
            i++;
        }
        if (problems.size() > LISTED) {
            int more = problems.size() - LISTED;
            problems = new ArrayList<>(problems.subList(0, LISTED));
            problems.add(more + " more problems like these");
        }
        return problems;
    }

    private static boolean isMention(String token) {
        return token.startsWith("<!") || token.startsWith("<@") || token.startsWith("<#");
    }

    private static List<String> ampersands(String token, String text, int offset) {
        List<String> problems = new ArrayList<>();
        for (int i = token.indexOf('&'); i >= 0; i = token.indexOf('&', i + 1)) {
            if (!entityAt(token, i)) {
                problems.add("unescaped '&' in a link " + around(text, offset + i));
            }
        }
        return problems;
    }

    private static boolean entityAt(String text, int i) {
        return ENTITIES.stream().anyMatch(entity -> text.startsWith(entity, i));
    }

    private static String around(String text, int i) {
        int from = Math.max(0, i - SHOWN);
        int to = Math.min(text.length(), i + SHOWN);
        return "at " + i + " in \"" + text.substring(from, to) + "\"";
    }
}
