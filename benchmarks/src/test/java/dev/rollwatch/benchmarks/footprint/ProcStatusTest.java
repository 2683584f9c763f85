package dev.rollwatch.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final String STATUS = """
            Name:	java
            VmPeak:	 4984516 kB
            VmHWM:	  812345 kB
            VmRSS:	  786436 kB
            RssAnon:	  760000 kB
            Threads:	58
            """;

    @Test
    void readsResidentAndPeakResidentInKib() {
        assertThat(ProcStatus.field(STATUS, "VmRSS")).hasValue(786436);
        assertThat(ProcStatus.field(STATUS, "VmHWM")).hasValue(812345);
    }

    @Test
    void aFieldThatIsMissingIsEmptyNotZero() {
        assertThat(ProcStatus.field(STATUS, "VmSwap")).isEmpty();
        assertThat(ProcStatus.field(null, "VmRSS")).isEmpty();
    }

    @Test
    void readsThisProcessItself() {
        assertThat(ProcStatus.residentKiB(ProcessHandle.current().pid()).orElse(0))
                .isPositive();
    }
}
