package dev.rollwatch.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteFenceTest {

    private static final Instant CLAIMED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant WRITE_BY = CLAIMED.plusSeconds(45);

    /** A clock the test moves, as a slow Kubernetes call lets time pass in the middle of the work. */
    private static final class MovingClock extends Clock {
        private Instant now = CLAIMED;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final List<String> sent = new ArrayList<>();

    private void write(String what) {
        WriteFence.check(what);
        sent.add(what);
    }

    @Test
    void writesOfLeasedWorkGoOutUntilTheWriteDeadline() throws Exception {
        WriteFence.within(WRITE_BY, clock, () -> {
            write("scale Deployment shop/checkout-canary");
            clock.advance(Duration.ofSeconds(44));
            write("write VirtualService shop/checkout");
            return null;
        });

        assertThat(sent).containsExactly("scale Deployment shop/checkout-canary", "write VirtualService shop/checkout");
    }

    @Test
    void aWriteOnceTheLeaseIsTooCloseToItsEndIsNeverSent() {
        assertThatThrownBy(() -> WriteFence.within(WRITE_BY, clock, () -> {
                    write("scale Deployment shop/checkout-canary");
                    // The call before was slow: the lease is nearly over, another instance may take over.
                    clock.advance(Duration.ofSeconds(45));
                    write("write VirtualService shop/checkout");
                    return null;
                }))
                .isInstanceOf(WriteFence.LeaseRanOut.class)
                .isInstanceOf(TransientKubernetesException.class)
                .hasMessageStartingWith("write VirtualService shop/checkout not sent: this instance's lease");
        assertThat(sent).containsExactly("scale Deployment shop/checkout-canary");
    }

    @Test
    void workThatHoldsNoLeaseIsNeverFenced() throws Exception {
        clock.advance(Duration.ofHours(1));
        write("restore Service shop/checkout");
        WriteFence.within(WRITE_BY, clock, () -> null);
        // The fence ended with its work: the thread's next, unleased write is not refused.
        write("restore Service shop/checkout");

        assertThat(sent).hasSize(2);
    }

    @Test
    void anInnerFenceEndsWithItsWorkAndTheOuterOneHoldsAgain() throws Exception {
        WriteFence.within(WRITE_BY, clock, () -> {
            WriteFence.within(WRITE_BY.plusSeconds(60), clock, () -> null);
            clock.advance(Duration.ofSeconds(50));
            assertThatThrownBy(() -> write("update Deployment shop/checkout"))
                    .isInstanceOf(WriteFence.LeaseRanOut.class);
            return null;
        });
        assertThat(sent).isEmpty();
    }
}
