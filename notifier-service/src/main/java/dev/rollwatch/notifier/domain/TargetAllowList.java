package dev.rollwatch.notifier.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which Slack channels and Statuspage pages each namespace's releases may name themselves. The
 * installation's credentials reach every channel the bot is in and every page the key manages, so
 * without this a team could post into another team's channel or open incidents on its status page.
 * Fails closed: a namespace with no entry (and no {@code "*"} entry) may name none. Webhooks are not
 * judged here.
 */
public final class TargetAllowList {

    /** The entry for namespaces without their own, and the value that allows anything of a type. */
    public static final String ANY = "*";

    /**
     * What one namespace may name.
     *
     * @param slackChannels channel names (with or without {@code #}) or ids, or {@code *}
     * @param statuspagePages {@code <page>}, {@code <page>/<component>} or {@code *}
     */
    public record Allowed(List<String> slackChannels, List<String> statuspagePages) {

        public Allowed {
            slackChannels = trimmed(slackChannels).stream()
                    .map(channel -> channel.startsWith("#") ? channel.substring(1) : channel)
                    .toList();
            statuspagePages = trimmed(statuspagePages);
        }

        private static List<String> trimmed(List<String> values) {
            return values == null
                    ? List.of()
                    : values.stream()
                            .filter(value -> value != null && !value.isBlank())
                            .map(String::trim)
                            .toList();
        }
    }

    private final Map<String, Allowed> byNamespace;

    public TargetAllowList(Map<String, Allowed> byNamespace) {
        this.byNamespace = Map.copyOf(byNamespace);
    }

    /**
     * Why a release in {@code namespace} may not name {@code target}, or empty when it may. The reason
     * names the namespace, the target (as {@link Target#describe()} shows it) and the setting to change;
     * it holds nothing secret.
     */
    public Optional<String> refusal(String namespace, Target target) {
        if (!Target.SLACK.equals(target.type()) && !Target.STATUSPAGE.equals(target.type())) {
            return Optional.empty();
        }
        String entry = byNamespace.containsKey(namespace) ? namespace : ANY;
        Allowed allowed = byNamespace.get(entry);
        boolean slack = Target.SLACK.equals(target.type());
        if (allowed != null && (slack ? slackAllowed(allowed, target) : statuspageAllowed(allowed, target))) {
            return Optional.empty();
        }
        String property =
                "rollwatch.notifier.targets.\"" + entry + "\"." + (slack ? "slack-channels" : "statuspage-pages");
        return Optional.of(target.describe() + " is not allowed for namespace '" + namespace + "' (" + property + ")");
    }

    private static boolean slackAllowed(Allowed allowed, Target target) {
        String channel = target.slackChannelName();
        return allowed.slackChannels().contains(ANY)
                || (channel != null && allowed.slackChannels().contains(channel));
    }

    private static boolean statuspageAllowed(Allowed allowed, Target target) {
        List<String> pages = allowed.statuspagePages();
        return pages.contains(ANY)
                || pages.contains(target.page())
                || pages.contains(target.page() + "/" + target.component());
    }

    /** The namespaces with an entry, for the start-up log. */
    public String describe() {
        return byNamespace.isEmpty()
                ? "none (releases may name no Slack channel or Statuspage page)"
                : byNamespace.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
