package dev.rollwatch.release.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseCommand.Command;
import dev.rollwatch.events.ReleaseState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandRulesTest {

    @Test
    void onlyAReleaseWhoseRestoreFailedCanBeResolved() {
        assertThat(CommandRules.refusal(ReleaseState.RESTORE_FAILED, Command.RESOLVE))
                .isNull();
        assertThat(CommandRules.refusal(ReleaseState.PROGRESSING, Command.RESOLVE))
                .isEqualTo("only a release whose restore failed can be resolved");
    }

    @ParameterizedTest
    @EnumSource(
            value = Command.class,
            names = {"PAUSE", "RESUME", "PROMOTE", "ABORT"})
    void aReleaseWhoseRestoreFailedTakesNoOtherCommand(Command command) {
        assertThat(CommandRules.refusal(ReleaseState.RESTORE_FAILED, command)).contains("resolve it");
        assertThat(CommandRules.refusal(ReleaseState.PROGRESSING, command)).isNull();
    }
}
