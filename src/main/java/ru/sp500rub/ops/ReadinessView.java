package ru.sp500rub.ops;

import java.time.Instant;
import java.util.Optional;
import ru.sp500rub.model.UsdRubRate;

/** What readiness is decided on: when the published reports were made, and the rate the service would use now. */
public interface ReadinessView {

    /** The end of the last good run: the published reports are from it. Empty before the first. */
    Optional<Instant> lastGoodRunEnd();

    /** The USD/RUB rate a run would convert with now (the rate keeper's current one), without waiting; empty when none is usable. */
    Optional<UsdRubRate> currentRate();
}
