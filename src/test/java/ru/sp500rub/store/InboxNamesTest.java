package ru.sp500rub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboxNamesTest {

    private static final Instant PICKED_UP = Instant.parse("2026-12-01T10:15:30.123Z");

    @Test
    void aPlainNameIsKeptAsItIsWithTheTimeItWasPickedUp() {
        assertThat(InboxNames.keptAs("run.txt", PICKED_UP)).isEqualTo("run.txt.20261201-101530123");
    }

    @Test
    void aNameFromOutsideIsMadeSafeAndTellsItselfApartByAHash() {
        String kept = InboxNames.keptAs("run\n[fake] ERROR\u001b.txt", PICKED_UP);

        assertThat(kept).matches("run__fake__ERROR_\\.txt~[0-9a-f]{8}\\.20261201-101530123");
        assertThat(InboxNames.safe("a b")).isNotEqualTo(InboxNames.safe("a_b"));
        assertThat(InboxNames.safe("..hidden")).doesNotStartWith(".");
    }

    @Test
    void aLongNameIsCutSoThatTheKeptNameFitsAnyFileSystem() {
        String kept = InboxNames.keptAs("x".repeat(250), PICKED_UP);

        assertThat(kept.length()).isLessThanOrEqualTo(InboxNames.MAX_KEPT + ".20261201-101530123".length());
        assertThat(kept).startsWith("xxxx").contains("~");
    }
}
