package dev.rollwatch.healthmonitor.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test profile of the tests with a (mock) Kubernetes API: the judge looks at the new version's pods. */
public class PodHealthOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rollwatch.health.pods.enabled", "true");
    }
}
