package dev.rollwatch.notifier.service;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.domain.TargetAllowList;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Where a release's news goes: the targets the release names, plus its application's configured
 * targets (or the configured defaults when the application has none), one per key. Configured
 * targets are parsed and checked by the channel factory at start, so a typo fails the deployment.
 * A named Slack channel or Statuspage page the release's namespace may not use
 * ({@link TargetAllowList}) is refused, unless the installation configured it for the application.
 */
@ApplicationScoped
@Startup
public class TargetResolver {

    private static final Logger LOG = Logger.getLogger(TargetResolver.class);

    private final List<Target> defaults;
    private final Map<String, List<Target>> perApplication = new LinkedHashMap<>();
    private final ChannelFactory channels;
    private final TargetAllowList allowList;

    /**
     * @param allowed the targets a release may use
     * @param refused targets the release named that its namespace may not use, each with the reason
     */
    public record Resolution(List<Target> allowed, Map<Target, String> refused) {}

    TargetResolver(NotifierConfig config, ChannelFactory channels) {
        this.channels = channels;
        Map<String, TargetAllowList.Allowed> allowed = new LinkedHashMap<>();
        config.targets()
                .forEach((namespace, entry) -> allowed.put(
                        namespace,
                        new TargetAllowList.Allowed(
                                entry.slackChannels().orElse(List.of()),
                                entry.statuspagePages().orElse(List.of()))));
        this.allowList = new TargetAllowList(allowed);
        LOG.infof("Namespaces that may name Slack channels or Statuspage pages: %s", allowList.describe());
        this.defaults = parse(
                "rollwatch.notifier.default-targets", config.defaultTargets().orElse(List.of()));
        config.applications()
                .forEach((application, settings) -> perApplication.put(
                        application,
                        parse("rollwatch.notifier.applications." + application + ".targets", settings.targets())));
    }

    public Resolution targetsOf(ReleaseRequested request) {
        List<Target> configured = perApplication.getOrDefault(request.application(), defaults);
        Set<String> configuredKeys = new HashSet<>();
        configured.forEach(target -> configuredKeys.add(target.key()));
        Map<String, Target> byKey = new LinkedHashMap<>();
        Map<Target, String> refused = new LinkedHashMap<>();
        // One refusal per target however it is spelled ("#ops" and "ops" are one channel): a refusal is
        // delivered once per event and target key, and a second would break that.
        Set<String> refusedKeys = new HashSet<>();
        if (request.notifications() != null) {
            for (NotificationTarget named : request.notifications()) {
                Target target = Target.of(named);
                // A target nobody has credentials for sends nothing anyway: no refusal to report.
                Optional<String> refusal =
                        configuredKeys.contains(target.key()) || channels.isNone(channels.forTarget(target))
                                ? Optional.empty()
                                : allowList.refusal(request.namespace(), target);
                if (refusal.isPresent()) {
                    if (refusedKeys.add(target.key())) {
                        refused.put(target, refusal.get());
                    }
                } else {
                    byKey.putIfAbsent(target.key(), target);
                }
            }
        }
        for (Target target : configured) {
            byKey.putIfAbsent(target.key(), target);
        }
        return new Resolution(new ArrayList<>(byKey.values()), refused);
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
