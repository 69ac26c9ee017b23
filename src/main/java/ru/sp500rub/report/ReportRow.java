package ru.sp500rub.report;

import java.math.BigDecimal;

/** One line of a report: the company and its unrounded figure. */
public record ReportRow(String code, String name, BigDecimal value) {
}
