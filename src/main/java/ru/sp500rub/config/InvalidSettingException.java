package ru.sp500rub.config;

/**
 * A setting that cannot work. The message is the one line the service prints before it exits with
 * code 2: the key, what is accepted, the value as written (control characters escaped) and where it was
 * written.
 */
public class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
