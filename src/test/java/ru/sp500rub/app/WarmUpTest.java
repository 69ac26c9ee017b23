package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.sp500rub.replay.DemoSite;

class WarmUpTest {

    @Test
    void theDryRunParsesConvertsAndRanksEveryCompanyOfTheDemoPage() {
        assertThat(WarmUp.dryRunOnDemoPage()).isEqualTo(DemoSite.ROWS_PER_PAGE);
    }
}
