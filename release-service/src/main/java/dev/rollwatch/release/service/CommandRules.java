package dev.rollwatch.release.service;

import dev.rollwatch.events.ReleaseCommand.Command;
import dev.rollwatch.events.ReleaseState;

/**
 * Which operator commands a release's state allows, beyond "not after it ended". A release whose
 * restore failed has one way out besides a successful retry: {@code resolve}, by someone who put the
 * cluster right by hand. Pausing, resuming or promoting it would mean nothing, and aborting it would
 * only ask for the restore that is already being retried.
 */
final class CommandRules {

    private CommandRules() {}

    /** Why {@code command} does not apply to a release in {@code state}, or null when it does. */
    static String refusal(ReleaseState state, Command command) {
        boolean restoreFailed = state == ReleaseState.RESTORE_FAILED;
        if (command == Command.RESOLVE && !restoreFailed) {
            return "only a release whose restore failed can be resolved";
        }
        if (command != Command.RESOLVE && restoreFailed) {
            return "its restore failed and is being retried; once the cluster is put right by hand, resolve it";
        }
        return null;
    }
}
