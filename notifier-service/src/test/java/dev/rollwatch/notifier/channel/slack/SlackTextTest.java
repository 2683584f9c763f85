package dev.rollwatch.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting to Slack's limits keeps whole what Slack parses: entities, emoji, links and mentions. */
class SlackTextTest {

    @Test
    void textWithinTheLimitIsLeftAsItIs() {
        assertThat(SlackText.truncate("a &amp; b", 9)).isEqualTo("a &amp; b");
    }

    @Test
    void aCutEndsInAnEllipsisWithinTheLimit() {
        assertThat(SlackText.truncate("abcdefghij", 5)).isEqualTo("abcd…");
    }

    @Test
    void aCutInsideAnEntityMovesToBeforeIt() {
        assertThat(SlackText.truncate("ab &amp; cd", 6)).isEqualTo("ab …");
        assertThat(SlackText.truncate("ab &lt; cd", 7)).isEqualTo("ab …");
    }

    @Test
    void aCutRightAfterAnEntityKeepsIt() {
        assertThat(SlackText.truncate("ab &gt; cd", 8)).isEqualTo("ab &gt;…");
    }

    @Test
    void aCutInsideAnEmojiMovesToBeforeIt() {
        assertThat(SlackText.truncate("ab\uD83D\uDE80cd", 4)).isEqualTo("ab…");
    }

    @Test
    void aCutInsideALinkOrMentionMovesToBeforeIt() {
        assertThat(SlackText.truncate("see <https://example.com/a|change> now", 20))
                .isEqualTo("see …");
        assertThat(SlackText.truncate("<!here> rollback", 5)).isEqualTo("…");
    }
}
