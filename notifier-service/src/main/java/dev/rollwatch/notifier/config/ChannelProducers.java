package dev.rollwatch.notifier.config;

import dev.rollwatch.notifier.channel.ChannelFactory;
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
        return new ChannelFactory(List.of(
                // A bot token gives threads and updates; incoming webhooks are the fallback per channel.
                new ChannelFactory.Preference(Target.SLACK, List.of(slack, slackWebhook)),
                new ChannelFactory.Preference(Target.STATUSPAGE, List.of(statuspage)),
                new ChannelFactory.Preference(Target.WEBHOOK, List.of(webhook))));
    }
}
