package ru.sp500rub.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second process for {@link ReportsLockIT}: {@code HoldReportsLock DIR hold|try}. It prints one line,
 * {@code held PID [took over from PID]} or {@code busy: REASON}; {@code hold} then keeps the lock until
 * its standard input closes or it is killed, {@code try} releases it at once. Exit 0 held, 1 busy.
 */
public final class HoldReportsLock {

    private HoldReportsLock() {
    }

    public static void main(String[] args) throws IOException {
        ReportsLock lock = new ReportsLock(Path.of(args[0]), Clock.systemUTC());
        ReportsLock.Attempt attempt = lock.tryAcquire();
        if (attempt instanceof ReportsLock.Busy busy) {
            System.out.println("busy: " + busy.reason());
            System.exit(1);
        }
        ReportsLock.Hold hold = ((ReportsLock.Held) attempt).hold();
        System.out.println("held " + hold.holder().pid() + " since " + hold.holder().sinceText()
                + hold.previous().map(p -> " took over from " + p.pid()).orElse(""));
        System.out.flush();
        if ("hold".equals(args[1])) {
            while (System.in.read() >= 0) {
                // held until the parent closes our input, or kills us
            }
        }
        hold.close();
        System.exit(0);
    }
}
