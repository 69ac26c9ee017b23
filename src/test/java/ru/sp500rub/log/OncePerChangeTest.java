package ru.sp500rub.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OncePerChangeTest {

    @Test
    void aConditionIsReportedOnceThenOnlyWhenItChangesOrEnds() {
        OncePerChange trouble = new OncePerChange();

        assertThat(trouble.report("Permission denied")).isTrue();
        assertThat(trouble.report("Permission denied")).isFalse();
        assertThat(trouble.report("No such file or directory")).isTrue();
        assertThat(trouble.clear()).isTrue();
        assertThat(trouble.clear()).isFalse();
        assertThat(trouble.report("No such file or directory")).isTrue();
    }
}
