package ru.sp500rub.route;

import java.time.Clock;
import org.apache.camel.Exchange;
import ru.sp500rub.store.InboxNames;

/** Bean {@code inboxFiles}: a picked-up inbox file's trigger name and the name it is kept under, both made safe. */
public final class InboxFiles {

    private final Clock clock;

    public InboxFiles(Clock clock) {
        this.clock = clock;
    }

    public void pickedUp(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "unnamed", String.class);
        exchange.setProperty(Keys.TRIGGER, "inbox file " + InboxNames.safe(name));
        exchange.setProperty(Keys.INBOX_FILE, InboxNames.keptAs(name, clock.instant()));
    }
}
