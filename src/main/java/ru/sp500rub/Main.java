package ru.sp500rub;

/** Entry point: see {@link ru.sp500rub.app.Application} and README.md. */
public final class Main {
    public static void main(String[] args) throws Exception { System.exit(ru.sp500rub.app.Application.run(args)); }
}
