package dev.rollwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path app;

    private Path jar;

    @BeforeEach
    void build() throws IOException {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs Java 25");
        jar = Files.writeString(app.resolve("quarkus-run.jar"), "the service's build");
        // Built a minute ago: a cache written now is newer, whatever the file system's time resolution.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    @Test
    void aFreshBuildIsTrainedAndItsCacheUsedByTheNextStartOnceTheTrainingRunExited() throws IOException {
        AotCache first = AotCache.of(app);
        Path training = trainingFile(first);
        assertThat(first.stopGrace()).isGreaterThan(Duration.ofSeconds(20));

        // What the JVM writes as the training run exits.
        Files.writeString(training, "cache");
        Files.writeString(training.resolveSibling(training.getFileName() + ".config"), "recording");
        first.afterExit();

        assertThat(AotCache.of(app).jvmOptions()).containsExactly("-XX:AOTCache=" + app.resolve("rollwatch.aot"));
        assertThat(AotCache.of(app).stopGrace()).isEqualTo(Duration.ofSeconds(20));
        try (var files = Files.list(app)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("quarkus-run.jar", "rollwatch.aot");
        }
    }

    @Test
    void aCacheOlderThanTheBuildIsNotUsedButTrainedAgain() throws IOException {
        Path cache = Files.writeString(app.resolve("rollwatch.aot"), "an older build's cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(120)));

        assertThat(AotCache.of(app).jvmOptions()).singleElement().asString().startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void aKilledTrainingRunLeavesNoCacheAndNothingBehind() throws IOException {
        AotCache killed = AotCache.of(app);
        Path training = trainingFile(killed);
        Files.writeString(training, "half a cache");
        Files.writeString(training.resolveSibling(training.getFileName() + ".config"), "recording");

        killed.discard();

        assertThat(AotCache.of(app).jvmOptions()).singleElement().asString().startsWith("-XX:AOTCacheOutput=");
        try (var files = Files.list(app)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("quarkus-run.jar");
        }
    }

    @Test
    void trainingRunsStartingTogetherWriteFilesOfTheirOwn() {
        assertThat(trainingFile(AotCache.of(app))).isNotEqualTo(trainingFile(AotCache.of(app)));
    }

    private static Path trainingFile(AotCache cache) {
        List<String> options = cache.jvmOptions();
        assertThat(options).singleElement().asString().startsWith("-XX:AOTCacheOutput=");
        return Path.of(options.get(0).substring("-XX:AOTCacheOutput=".length()));
    }
}
