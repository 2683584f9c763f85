package dev.rollwatch.notifier.channel.slack;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.model.Attachment;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.RichTextElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonMessageAttachmentVideoHtmlFactory;
import com.slack.api.util.json.GsonRichTextElementFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Slack message payload with the Block Kit classes of Slack's Java SDK (slack-api-model), the
 * way Slack's own client builds them: a block, element or text type the SDK does not know fails, a
 * value of the wrong shape (a string where Slack takes an object or a list) fails, and a field the
 * models do not have is reported because it does not survive the trip through them.
 * <p>
 * The adapters are registered as the SDK's {@code GsonFactory} does, with failing on unknown types on;
 * that factory lives in slack-api-client, which the tests do not need. Its unknown-property check
 * ({@code UnknownPropertyDetectionAdapterFactory}) reads a Gson internal that Gson 2.11 replaced, so
 * the round trip stands in for it.
 */
final class SlackSdkModels {

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory(true))
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory(true))
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory(true))
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory(true))
            .registerTypeAdapter(RichTextElement.class, new GsonRichTextElementFactory(true))
            .registerTypeAdapter(Attachment.VideoHtml.class, new GsonMessageAttachmentVideoHtmlFactory(true))
            .create();

    /**
     * The arguments of {@code chat.postMessage}, {@code chat.update} and an incoming webhook that carry a
     * message, named and typed as the SDK's {@code ChatPostMessageRequest} and {@code ChatUpdateRequest}
     * take them (those request classes are in slack-api-client; the block and attachment types are the
     * model's own).
     */
    @SuppressWarnings("unused") // written by Gson
    static final class MessageArguments {
        String channel;
        String ts;
        String threadTs;
        Boolean replyBroadcast;
        String text;
        Boolean mrkdwn;
        Boolean linkNames;
        String parse;
        Boolean unfurlLinks;
        Boolean unfurlMedia;
        List<LayoutBlock> blocks;
        List<Attachment> attachments;
    }

    private SlackSdkModels() {}

    /** What the SDK's models refuse or lose in {@code json}; empty when they read all of it. */
    static List<String> problems(String json) {
        List<String> problems = new ArrayList<>();
        JsonElement sent;
        try {
            sent = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return List.of("is not JSON: " + e.getMessage());
        }
        MessageArguments read;
        try {
            read = GSON.fromJson(sent, MessageArguments.class);
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            // Gson reports a wrong shape as IllegalStateException ("Expected BEGIN_OBJECT but was STRING").
            return List.of("Slack's SDK models cannot read it: " + e.getMessage());
        }
        lost(sent, GSON.toJsonTree(read), "$", problems);
        return problems;
    }

    /** Every value of {@code sent} must come back from the models unchanged. */
    private static void lost(JsonElement sent, JsonElement back, String path, List<String> problems) {
        if (back == null || back.isJsonNull()) {
            if (!sent.isJsonNull()) {
                problems.add(path + " is not a field of Slack's SDK models");
            }
            return;
        }
        if (sent.isJsonObject() && back.isJsonObject()) {
            JsonObject kept = back.getAsJsonObject();
            for (Map.Entry<String, JsonElement> member : sent.getAsJsonObject().entrySet()) {
                lost(member.getValue(), kept.get(member.getKey()), path + "." + member.getKey(), problems);
            }
        } else if (sent.isJsonArray()
                && back.isJsonArray()
                && sent.getAsJsonArray().size() == back.getAsJsonArray().size()) {
            for (int i = 0; i < sent.getAsJsonArray().size(); i++) {
                lost(sent.getAsJsonArray().get(i), back.getAsJsonArray().get(i), path + "[" + i + "]", problems);
            }
        } else if (!sent.equals(back)) {
            problems.add(path + " comes back from Slack's SDK models as " + back + ", not " + sent);
        }
    }
}
