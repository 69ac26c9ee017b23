package ru.sp500rub.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import ru.sp500rub.report.RunOutcome;

/**
 * Lets one run in at a time. A trigger that arrives during a run is coalesced into it: it does not
 * start a run of its own, and it can wait for the outcome of the run it joined (an inbox file goes to
 * .done or .failed by that run's outcome).
 */
public final class RunGate {

    private final Duration joinTimeout;
    private final AtomicReference<CompletableFuture<RunOutcome>> current = new AtomicReference<>();
    /** The run that ended last: a trigger that found it in progress may look for it just after it ended. */
    private volatile CompletableFuture<RunOutcome> lastEnded;

    /** @param joinTimeout the longest a coalesced trigger waits for the run it joined */
    public RunGate(Duration joinTimeout) {
        this.joinTimeout = joinTimeout;
    }

    public boolean tryEnter() {
        return current.compareAndSet(null, new CompletableFuture<>());
    }

    /** The run in progress has ended with this outcome. */
    public void runEnded(RunOutcome outcome) {
        CompletableFuture<RunOutcome> run = current.get();
        if (run != null) {
            run.complete(outcome);
        }
    }

    public void leave() {
        CompletableFuture<RunOutcome> run = current.get();
        if (run != null) {
            run.completeExceptionally(new RunFailedException("the run ended without an outcome"));
            lastEnded = run;
            current.set(null);
        }
    }

    /**
     * The outcome of the run in progress, once it has ended (one that has just ended answers at once):
     * waited for at most the join timeout, past which the joined run is said to be still going.
     */
    public RunOutcome awaitCurrent() {
        Duration timeout = joinTimeout;
        CompletableFuture<RunOutcome> run = current.get();
        if (run == null) {
            run = lastEnded;
        }
        if (run == null) {
            throw new IllegalStateException("no run to join");
        }
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RunFailedException("the run this trigger joined was still going after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new RunFailedException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while waiting for the run this trigger joined");
        }
    }
}
