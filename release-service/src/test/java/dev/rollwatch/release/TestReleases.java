package dev.rollwatch.release;

import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.util.UUID;

/**
 * Release requests for tests that share one running service: each gets an application of its own,
 * since an application has one release in flight at a time.
 */
final class TestReleases {

    private TestReleases() {}

    static ReleaseRequestBuilder canary() {
        return ReleaseRequestBuilder.canary()
                .application("app-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
