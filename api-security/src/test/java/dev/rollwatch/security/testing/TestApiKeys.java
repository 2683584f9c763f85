package dev.rollwatch.security.testing;

import dev.rollwatch.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The API keys every service's tests use, configured by hash exactly as in production. Namespaced keys
 * cover {@value #THE_NAMESPACE} (or {@value #ANOTHER_NAMESPACE}); the others cover every namespace.
 */
public class TestApiKeys implements QuarkusTestResourceLifecycleManager {

    public static final String THE_NAMESPACE = "shop";
    public static final String ANOTHER_NAMESPACE = "payments";

    public static final String VIEWER = "viewer-key-2f0c";
    /** Viewer limited to the shop namespace. */
    public static final String VIEWER_SHOP = "viewer-shop-key-6a3e";
    /** Viewer limited to the payments namespace. */
    public static final String VIEWER_PAYMENTS = "viewer-payments-key-0d95";
    /** Releaser limited to the shop namespace. */
    public static final String CI_SHOP = "ci-shop-key-81ab";

    public static final String OPERATOR = "operator-key-77d1";
    /** Operator limited to the shop namespace. */
    public static final String OPERATOR_SHOP = "operator-shop-key-4e0a";
    /** Releaser and operator everywhere. */
    public static final String ADMIN = "admin-key-c3e9";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        key(config, "dashboard", VIEWER, "viewer", "*");
        key(config, "dashboard-shop", VIEWER_SHOP, "viewer", THE_NAMESPACE);
        key(config, "dashboard-payments", VIEWER_PAYMENTS, "viewer", ANOTHER_NAMESPACE);
        key(config, "ci-shop", CI_SHOP, "releaser", THE_NAMESPACE);
        key(config, "oncall", OPERATOR, "operator", "*");
        key(config, "oncall-shop", OPERATOR_SHOP, "operator", THE_NAMESPACE);
        key(config, "platform-admin", ADMIN, "releaser,operator", "*");
        return config;
    }

    /** Configures {@code key} under {@code name} as an operator would: its hash, roles and namespaces. */
    public static void key(Map<String, String> config, String name, String key, String roles, String namespaces) {
        config.put(
                "rollwatch.auth.keys." + name + ".hash",
                "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key)));
        config.put("rollwatch.auth.keys." + name + ".roles", roles);
        config.put("rollwatch.auth.keys." + name + ".namespaces", namespaces);
    }

    @Override
    public void stop() {}
}
