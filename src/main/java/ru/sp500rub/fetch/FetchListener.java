package ru.sp500rub.fetch;

/**
 * What the fetch layer tells the metrics about each HTTP request it makes. Implementations are called
 * from many fetching threads at once and must not block.
 */
public interface FetchListener {

    /** A response arrived with this HTTP status. */
    void response(int status);

    /** A request got no response at all: refused, reset, timed out. */
    void noResponse();

    /** A request is sent again after a failure. */
    void retry();

    /** A second copy of a slow request is sent, whichever answers first wins. */
    void hedge();

    /** Listens to nothing: for a fetch layer used without metrics (tests, tools). */
    FetchListener NONE = new FetchListener() {
        @Override
        public void response(int status) {
        }

        @Override
        public void noResponse() {
        }

        @Override
        public void retry() {
        }

        @Override
        public void hedge() {
        }
    };
}
