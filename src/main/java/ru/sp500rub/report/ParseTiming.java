package ru.sp500rub.report;

import java.time.Duration;

/** CPU time spent parsing company pages in a run: the figure the benchmark holds against its goal. */
public record ParseTiming(int pages, Duration total) {

    public double millisPerPage() {
        return pages == 0 ? 0 : total.toNanos() / 1e6 / pages;
    }
}
