package ru.sp500rub.cluster;

import java.time.Duration;
import java.util.Objects;

/** What a worker measured for one company: HTTP attempts made and the time spent parsing the page. */
public record ResultFigures(int attempts, Duration parseTime) {
    public ResultFigures {
        Objects.requireNonNull(parseTime, "parseTime");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
        }
        if (parseTime.isNegative()) {
            throw new IllegalArgumentException("parseTime must not be negative, was " + parseTime);
        }
    }

    public static ResultFigures none() {
        return new ResultFigures(0, Duration.ZERO);
    }
}
