package dev.rollwatch.notifier.config;

import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.noop.NoopChannel;
import dev.rollwatch.notifier.channel.slack.SlackIncomingWebhookChannel;
import dev.rollwatch.notifier.channel.slack.SlackMessages;
import dev.rollwatch.notifier.channel.slack.SlackWebApiChannel;
import dev.rollwatch.notifier.channel.statuspage.StatuspageChannel;
import dev.rollwatch.notifier.channel.webhook.WebhookChannel;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.templates.MessageTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;

/** Wires the providers into the factory and the templates into the messages. */
@ApplicationScoped
public class ChannelProducers {

    @Produces
    @ApplicationScoped
    MessageTemplates templates(NotifierConfig config) {
        return new MessageTemplates(config.templates());
    }

    @Produces
    @ApplicationScoped
    SlackMessages slackMessages(MessageTemplates templates, NotifierConfig config) {
        return new SlackMessages(
                templates,
                config.releaseLinkBase().orElse(null),
                config.slack().urgentMention().orElse(null));
    }

    @Produces
    @ApplicationScoped
    ChannelFactory channelFactory(
            SlackWebApiChannel slack,
            SlackIncomingWebhookChannel slackWebhook,
            StatuspageChannel statuspage,
            WebhookChannel webhook) {
        Map<String, List<NotificationChannel>> byType = Map.of(
                // A bot token gives threads and updates; incoming webhooks are the fallback per channel.
                Target.SLACK, List.of(slack, slackWebhook),
                Target.STATUSPAGE, List.of(statuspage),
                Target.WEBHOOK, List.of(webhook));
        return new ChannelFactory(byType, new NoopChannel());
    }
}
