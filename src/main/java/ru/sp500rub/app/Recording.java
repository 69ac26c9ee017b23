package ru.sp500rub.app;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.replay.ResponseRecorder;

/** {@code --record DIR}: every response of the run saved into DIR, closed (manifest written) at the end. */
final class Recording implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
    private final ResponseRecorder recorder;

    private Recording(ResponseRecorder recorder) {
        this.recorder = recorder;
    }

    static Recording start(Optional<Path> dir) {
        return new Recording(dir.map(d -> {
            LOG.info("Recording every response into {}", d.toAbsolutePath());
            return new ResponseRecorder(d);
        }).orElse(null));
    }

    Optional<ResponseRecorder> recorder() {
        return Optional.ofNullable(recorder);
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
            LOG.info("Recording written to {}", recorder.directory());
        }
    }
}
