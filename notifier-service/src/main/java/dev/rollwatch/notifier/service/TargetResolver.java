package dev.rollwatch.notifier.service;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.Target;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Where a release's news goes: the targets the release names, plus its application's configured
 * targets (or the configured defaults when the application has none), one per key. Configured
 * targets are parsed and checked by the channel factory at start, so a typo fails the deployment.
 */
@ApplicationScoped
@Startup
public class TargetResolver {

    private static final Logger LOG = Logger.getLogger(TargetResolver.class);

    private final List<Target> defaults;
    private final Map<String, List<Target>> perApplication = new LinkedHashMap<>();
    private final ChannelFactory channels;

    TargetResolver(NotifierConfig config, ChannelFactory channels) {
        this.channels = channels;
        this.defaults = parse(
                "rollwatch.notifier.default-targets", config.defaultTargets().orElse(List.of()));
        config.applications()
                .forEach((application, settings) -> perApplication.put(
                        application,
                        parse("rollwatch.notifier.applications." + application + ".targets", settings.targets())));
    }

    public List<Target> targetsOf(ReleaseRequested request) {
        Map<String, Target> byKey = new LinkedHashMap<>();
        if (request.notifications() != null) {
            for (NotificationTarget named : request.notifications()) {
                Target target = Target.of(named);
                byKey.putIfAbsent(target.key(), target);
            }
        }
        for (Target configured : perApplication.getOrDefault(request.application(), defaults)) {
            byKey.putIfAbsent(configured.key(), configured);
        }
        return new ArrayList<>(byKey.values());
    }

    private List<Target> parse(String property, List<String> specs) {
        List<Target> targets = new ArrayList<>();
        for (String spec : specs) {
            if (spec == null || spec.isBlank()) {
                continue;
            }
            Target target;
            try {
                target = Target.parse(spec);
                if (channels.isNone(channels.forTarget(target))) {
                    LOG.infof(
                            "%s names %s, but that channel is not configured: nothing will be sent there",
                            property, target.describe());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
            targets.add(target);
        }
        return List.copyOf(targets);
    }
}
