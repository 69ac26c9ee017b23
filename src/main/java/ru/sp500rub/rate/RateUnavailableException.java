package ru.sp500rub.rate;

/** No usable USD->RUB rate: the CBR answer was unusable and no stored rate is fresh enough. */
public class RateUnavailableException extends RuntimeException {
    public RateUnavailableException(String message) {
        super(message);
    }

    public RateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
