package ru.sp500rub.ops;

import java.util.Optional;

/** Reads one sample out of the Prometheus text format: {@code value(text, "sp500_runs_total{outcome=\"failed\"}")}. */
final class MetricsText {

    private MetricsText() {
    }

    static Optional<Double> value(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Optional.of(Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]));
            }
        }
        return Optional.empty();
    }

    static double of(String text, String sample) {
        return value(text, sample).orElseThrow(() -> new AssertionError("no sample " + sample + " in:\n" + text));
    }
}
