package dev.rollwatch.notifier.channel.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Notice;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.templates.MessageTemplates;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the Block Kit messages: the parent of a release (what, which version, how, who, link to the
 * change, where it stands) and the replies. Blocks sit in an attachment so the message gets the
 * outcome's colour bar; {@code text} is the plain fallback notifications and screen readers use.
 */
public final class SlackMessages {

    private static final ObjectMapper JSON = EventJson.mapper();

    private static final Pattern SAFE_URL = Pattern.compile("^https?://[^\\s<>|]+$");

    private final MessageTemplates templates;
    private final URI releaseLinkBase;
    private final String urgentMention;

    /**
     * @param templates       the message texts
     * @param releaseLinkBase base URL of the release API for "Open in Rollwatch" links, or null
     * @param urgentMention   mention prefixed to urgent notices (e.g. {@code <!here>}), or null
     */
    public SlackMessages(MessageTemplates templates, URI releaseLinkBase, String urgentMention) {
        this.templates = templates;
        this.releaseLinkBase = releaseLinkBase;
        this.urgentMention = urgentMention == null || urgentMention.isBlank() ? null : urgentMention.strip();
    }

    /**
     * What a Slack channel sends for an update, rate-limited per Slack channel: the parent when the
     * release starts, then a reply per event. In a thread (Web API) the parent is also rewritten when
     * the release's state changed; without one (incoming webhooks) each reply says which release it is.
     */
    public List<Outgoing> plan(String channelType, Target target, ReleaseUpdate update, boolean threaded) {
        String rateKey = channelType + ":" + target.slackChannelName();
        if (update.started()) {
            return List.of(new Outgoing(
                    DeliveryKind.PARENT_POST, EventJson.write(parent(update.facts(), update.view())), rateKey));
        }
        List<Outgoing> outgoing = new ArrayList<>(2);
        if (update.change().reply() != null) {
            outgoing.add(new Outgoing(
                    DeliveryKind.REPLY,
                    EventJson.write(reply(update.facts(), update.change().reply(), !threaded)),
                    rateKey));
        }
        if (threaded && update.change().parentChanged()) {
            outgoing.add(new Outgoing(
                    DeliveryKind.PARENT_UPDATE, EventJson.write(parent(update.facts(), update.view())), rateKey));
        }
        return outgoing;
    }

    /** The release's parent message as it should look in {@code view}. */
    public ObjectNode parent(ReleaseFacts facts, ReleaseView view) {
        Map<String, Object> vars = facts.vars();
        vars.put("state", view.state().name());
        vars.put("step", view.step());
        vars.put("stepCount", view.stepCount());
        vars.put("weight", view.canaryWeight());
        vars.put("note", view.note());
        String title = render("parent.title", vars);
        String status = render(view.state().templateName(), vars);
        String emoji = SlackStyle.emoji(view.state());
        // Said on the parent, which every state rewrites: nobody should wait for a rollback that cannot come.
        String unwatched = facts.unwatchedReason() == null ? "" : render("parent.unwatched", vars);

        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section(emoji + " " + title + "\n" + status
                + (unwatched.isEmpty() ? "" : "\n" + SlackStyle.UNWATCHED + " " + unwatched)));
        ArrayNode fields = JSON.createArrayNode();
        fields.add(field(
                "Application",
                "`" + SlackStyle.escape(facts.application()) + "` in `" + SlackStyle.escape(facts.namespace()) + "`"));
        fields.add(field("Version", SlackStyle.escape(facts.version())));
        fields.add(field("Strategy", SlackStyle.escape(facts.strategy())));
        fields.add(field("Requested by", SlackStyle.escape(facts.actor() == null ? "unknown" : facts.actor())));
        if (facts.commit() != null) {
            fields.add(field(
                    "Commit",
                    "`"
                            + SlackStyle.escape(facts.commit()
                                    .substring(0, Math.min(12, facts.commit().length()))) + "`"));
        }
        blocks.add(JSON.createObjectNode().put("type", "section").set("fields", fields));
        blocks.add(context(facts));
        ArrayNode buttons = buttons(facts);
        if (!buttons.isEmpty()) {
            blocks.add(JSON.createObjectNode().put("type", "actions").set("elements", buttons));
        }
        return message(
                plain(emoji + " " + SlackStyle.escape(facts.application()) + " " + SlackStyle.escape(facts.version())
                        + ": " + status
                        + (unwatched.isEmpty() ? "" : " " + unwatched)),
                SlackStyle.color(view.state().tone()),
                blocks);
    }

    /**
     * A reply about one event.
     *
     * @param standalone the message will not sit in the release's thread (incoming webhooks), so it
     *                   carries a line saying which release it is about
     */
    public ObjectNode reply(ReleaseFacts facts, Notice notice, boolean standalone) {
        Map<String, Object> vars = new LinkedHashMap<>(facts.vars());
        vars.putAll(notice.vars());
        String text = render(notice.kind().templateName(), vars);
        String emoji = SlackStyle.emoji(notice.kind());
        String mention = notice.urgent() && urgentMention != null ? urgentMention + " " : "";

        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section(mention + emoji + " " + text));
        if (!notice.fields().isEmpty()) {
            ArrayNode fields = JSON.createArrayNode();
            for (Notice.Field field :
                    notice.fields().subList(0, Math.min(10, notice.fields().size()))) {
                fields.add(field(SlackStyle.escape(field.label()), SlackStyle.escape(field.value())));
            }
            blocks.add(JSON.createObjectNode().put("type", "section").set("fields", fields));
        }
        if (standalone) {
            blocks.add(context(facts));
        }
        // The fallback text is what notifications show and read mentions in: what a release names is escaped.
        String prefix = standalone
                ? SlackStyle.escape(facts.application()) + " " + SlackStyle.escape(facts.version()) + ": "
                : "";
        ObjectNode message =
                message(mention + plain(emoji + " " + prefix + text), SlackStyle.color(notice.tone()), blocks);
        if (notice.urgent() && !standalone) {
            // People must act: show the reply in the channel too, not only in the thread.
            message.put("reply_broadcast", true);
        }
        return message;
    }

    private ObjectNode context(ReleaseFacts facts) {
        StringBuilder line = new StringBuilder("Release `")
                .append(SlackStyle.escape(facts.releaseId()))
                .append('`');
        if (facts.pipeline() != null) {
            line.append(" · ").append(SlackStyle.escape(facts.pipeline()));
        }
        String text = SlackText.truncate(line.toString(), SlackText.MAX_TEXT_OBJECT);
        if (usable(facts.changeUrl())) {
            // The URL is mrkdwn text too: its '&' are escaped. A link that does not fit whole is left to
            // the "View change" button rather than cut.
            String link = " · <" + SlackStyle.escape(facts.changeUrl()) + "|change>";
            if (text.length() + link.length() <= SlackText.MAX_TEXT_OBJECT) {
                text += link;
            }
        }
        ArrayNode elements = JSON.createArrayNode().add(mrkdwn(text));
        return JSON.createObjectNode().put("type", "context").set("elements", elements);
    }

    private ArrayNode buttons(ReleaseFacts facts) {
        ArrayNode buttons = JSON.createArrayNode();
        if (releaseLinkBase != null) {
            String url = releaseLinkBase.toString().replaceAll("/+$", "") + "/api/v1/releases/" + facts.releaseId();
            if (usable(url)) {
                buttons.add(button("Open release", url, "open-release"));
            }
        }
        if (usable(facts.changeUrl())) {
            buttons.add(button("View change", facts.changeUrl(), "view-change"));
        }
        return buttons;
    }

    /** A URL that can be a link and a button: http(s), nothing Slack parses, within a button's limit. */
    private static boolean usable(String url) {
        return url != null
                && url.length() <= SlackText.MAX_BUTTON_URL
                && SAFE_URL.matcher(url).matches();
    }

    private static ObjectNode button(String text, String url, String actionId) {
        ObjectNode button = JSON.createObjectNode().put("type", "button");
        button.set("text", JSON.createObjectNode().put("type", "plain_text").put("text", text));
        return button.put("url", url).put("action_id", actionId);
    }

    private String render(String template, Map<String, Object> vars) {
        return templates.render(template, vars, SlackStyle::escape);
    }

    private static ObjectNode message(String text, String color, ArrayNode blocks) {
        ObjectNode attachment = JSON.createObjectNode().put("color", color);
        attachment.set("blocks", blocks);
        ObjectNode message = JSON.createObjectNode().put("text", SlackText.truncate(text, SlackText.MAX_MESSAGE_TEXT));
        message.set("attachments", JSON.createArrayNode().add(attachment));
        return message;
    }

    private static ObjectNode section(String text) {
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        section.set("text", mrkdwn(SlackText.truncate(text, SlackText.MAX_TEXT_OBJECT)));
        return section;
    }

    /** A section field: a bold label over its value; both are escaped already. */
    private static ObjectNode field(String label, String value) {
        return mrkdwn(SlackText.truncate("*" + label + "*\n" + value, SlackText.MAX_FIELD));
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    /** The fallback text is what notifications show: the mrkdwn emphasis marks read badly there. */
    private static String plain(String text) {
        return text.replace("*", "");
    }
}
