package dev.rollwatch.release;

import dev.rollwatch.release.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** The API keys the tests use, configured by hash exactly as in production. */
public class TestApiKeys implements QuarkusTestResourceLifecycleManager {

    public static final String VIEWER = "viewer-key-2f0c";
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
        key(config, "ci-shop", CI_SHOP, "releaser", "shop");
        key(config, "oncall", OPERATOR, "operator", "*");
        key(config, "oncall-shop", OPERATOR_SHOP, "operator", "shop");
        key(config, "platform-admin", ADMIN, "releaser,operator", "*");
        return config;
    }

    static void key(Map<String, String> config, String name, String key, String roles, String namespaces) {
        config.put(
                "rollwatch.auth.keys." + name + ".hash",
                "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key)));
        config.put("rollwatch.auth.keys." + name + ".roles", roles);
        config.put("rollwatch.auth.keys." + name + ".namespaces", namespaces);
    }

    @Override
    public void stop() {}
}
