package ru.sp500rub.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.UsdRubRate;

/**
 * What changed between the previous good run (ended at {@code since}) and this one: per report, the
 * companies that entered the top 10 (with their new figures) and those that left it (with their last
 * figures); and the rate, when both runs had one.
 */
public record RunChanges(Instant since, Map<Report, ListChange> lists, Optional<RateChange> rate) {
    public RunChanges {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(rate, "rate");
        Map<Report, ListChange> all = new EnumMap<>(Report.class);
        for (Report report : Report.values()) {
            all.put(report, lists.getOrDefault(report, ListChange.NONE));
        }
        lists = Map.copyOf(all);
    }

    public ListChange of(Report report) {
        return lists.get(report);
    }

    public int entered() {
        return lists.values().stream().mapToInt(c -> c.entered().size()).sum();
    }

    public int left() {
        return lists.values().stream().mapToInt(c -> c.left().size()).sum();
    }

    public record ListChange(List<ReportRow> entered, List<ReportRow> left) {
        public static final ListChange NONE = new ListChange(List.of(), List.of());

        public ListChange {
            entered = List.copyOf(entered);
            left = List.copyOf(left);
        }

        public boolean none() {
            return entered.isEmpty() && left.isEmpty();
        }
    }

    public record RateChange(UsdRubRate before, UsdRubRate after) {
        public RateChange {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** Roubles per dollar now minus before: positive when the rouble got cheaper. */
        public BigDecimal delta() {
            return after.roublesPerDollar().subtract(before.roublesPerDollar());
        }
    }
}
