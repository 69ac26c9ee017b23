package ru.sp500rub.run;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets one run in at a time: a trigger that arrives during a run is coalesced into it. */
public final class RunGate {
    private final AtomicBoolean running = new AtomicBoolean();

    public boolean tryEnter() {
        return running.compareAndSet(false, true);
    }

    public void leave() {
        running.set(false);
    }
}
