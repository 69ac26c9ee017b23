package ru.sp500rub.log;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Markers the log layout acts on. */
public final class LogMarkers {

    /**
     * A failure the service did not expect or handle (a catch-all, an uncaught exception): its stack
     * trace is always printed, whatever the level, because a bug report needs it.
     */
    public static final Marker UNEXPECTED = MarkerFactory.getMarker("UNEXPECTED");

    private LogMarkers() {
    }
}
