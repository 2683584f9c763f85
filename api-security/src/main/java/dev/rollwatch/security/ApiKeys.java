package dev.rollwatch.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The configured API keys. A presented key is hashed and compared with every configured hash in
 * constant time, so neither the keys nor their number leak through timing.
 */
@ApplicationScoped
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");
    private static final String ALL_NAMESPACES = "*";

    private final List<ApiKey> keys;

    ApiKeys(AuthConfig config) {
        this.keys = config.keys().entrySet().stream().map(ApiKeys::parse).toList();
    }

    public Optional<ApiKey> authenticate(String presented) {
        byte[] hash = sha256(presented);
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(key.sha256(), hash)) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static ApiKey parse(Map.Entry<String, AuthConfig.ApiKey> entry) {
        String name = entry.getKey();
        AuthConfig.ApiKey config = entry.getValue();
        if (!HASH.matcher(config.hash()).matches()) {
            throw new IllegalArgumentException(
                    "rollwatch.auth.keys." + name + ".hash must be sha256:<64 lowercase hex digits>");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : config.roles()) {
            try {
                roles.addAll(Role.parse(role).granted());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rollwatch.auth.keys." + name + ".roles: " + e.getMessage(), e);
            }
        }
        Set<String> namespaces = config.namespaces().orElse(Set.of()).stream()
                .map(String::trim)
                .filter(namespace -> !namespace.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (namespaces.isEmpty()) {
            // Fail closed: an empty or forgotten namespaces line must not read as "all".
            LOG.warnf(
                    "API key '%s' names no namespace (rollwatch.auth.keys.%s.namespaces): it can see and do nothing; "
                            + "set it to * for every namespace",
                    name, name);
        }
        byte[] hash = HexFormat.of().parseHex(config.hash().substring("sha256:".length()));
        boolean all = namespaces.contains(ALL_NAMESPACES);
        return new ApiKey(name, hash, Set.copyOf(roles), all, all ? Set.of() : namespaces);
    }
}
