package dev.rollwatch.rollback.persistence;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Projection of due-work queries: only the release ids. */
@RegisterForReflection
public record ReleaseIdOnly(String releaseId) {

    static List<String> ids(List<ReleaseIdOnly> rows) {
        return rows.stream().map(ReleaseIdOnly::releaseId).distinct().toList();
    }
}
