package dev.rollwatch.executor.domain;

import java.util.List;

/**
 * What an operator command or a rollback decision did to a release.
 *
 * @param applied false when it did not fit the release's state and changed nothing
 * @param note    why, for the log
 * @param reports step reports to publish with the change
 */
public record Decision(boolean applied, String note, List<StepReport> reports) {

    public Decision {
        reports = List.copyOf(reports);
    }

    static Decision ignored(String note) {
        return new Decision(false, note, List.of());
    }

    static Decision applied(String note, StepReport... reports) {
        return new Decision(true, note, List.of(reports));
    }

    static Decision applied(String note, List<StepReport> reports) {
        return new Decision(true, note, reports);
    }
}
