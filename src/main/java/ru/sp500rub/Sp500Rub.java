package ru.sp500rub;

import ru.sp500rub.app.Service;

/** sp500-rub: the S&P 500's top tens, priced in roubles. See {@link Service} and README.md. */
public final class Sp500Rub {

    private Sp500Rub() {
    }

    public static void main(String[] args) {
        System.exit(Service.run(args));
    }
}
