package ru.sp500rub.cluster;

/** A message read from the broker that is not a well-formed task or result; the message says why. */
public final class RejectedMessageException extends Exception {
    public RejectedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
