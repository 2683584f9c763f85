package dev.rollwatch.notifier.templates;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The message texts, as Qute templates: defaults from {@value #DEFAULTS}, each replaceable from
 * configuration. Everything is parsed at start, so a broken template or a misspelt name fails the
 * deployment instead of the first message that needs it.
 */
public final class MessageTemplates {

    public static final String DEFAULTS = "notifier-templates.properties";

    private static final Logger LOG = Logger.getLogger(MessageTemplates.class);

    private final Engine engine =
            Engine.builder().addDefaults().strictRendering(true).build();
    private final Map<String, Template> defaults = new TreeMap<>();
    private final Map<String, Template> overridden = new TreeMap<>();

    public MessageTemplates(Map<String, String> overrides) {
        Properties sources = loadDefaults();
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(sources.stringPropertyNames());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown message template(s) " + unknown + "; known ones are "
                    + new TreeSet<>(sources.stringPropertyNames()));
        }
        for (String name : sources.stringPropertyNames()) {
            defaults.put(name, parse(name, sources.getProperty(name)));
        }
        overrides.forEach((name, source) -> overridden.put(name, parse(name, source)));
    }

    public Set<String> names() {
        return defaults.keySet();
    }

    /**
     * Renders a template. Missing values render empty; {@code escape} is applied to every text value
     * (and each text in a list) so event contents cannot inject markup into the message.
     */
    public String render(String name, Map<String, ?> vars, UnaryOperator<String> escape) {
        Template fallback = defaults.get(name);
        if (fallback == null) {
            throw new IllegalArgumentException("No message template named '" + name + "'");
        }
        Template custom = overridden.get(name);
        if (custom != null) {
            try {
                return render(custom, vars, escape);
            } catch (TemplateException e) {
                // A configured template naming a variable this message lacks must not lose the message.
                LOG.warnf("Configured template '%s' failed (%s); using the default one", name, e.getMessage());
            }
        }
        return render(fallback, vars, escape);
    }

    private static String render(Template template, Map<String, ?> vars, UnaryOperator<String> escape) {
        TemplateInstance instance = template.instance();
        vars.forEach((key, value) -> instance.data(key, prepare(value, escape)));
        return instance.render().strip();
    }

    private Template parse(String name, String source) {
        try {
            return engine.parse(source, null, name);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("Message template '" + name + "' does not parse: " + e.getMessage(), e);
        }
    }

    private static Object prepare(Object value, UnaryOperator<String> escape) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            List<Object> prepared = new ArrayList<>(items.size());
            items.forEach(item -> prepared.add(prepare(item, escape)));
            return prepared;
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value;
        }
        return escape.apply(value.toString());
    }

    private static Properties loadDefaults() {
        Properties properties = new Properties();
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
