package ru.sp500rub.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A child JVM running one of the test mains on this test's class path, light (C1, serial GC, 96 MB).
 * Lines it prints starting with "@@ " are events the test reads; the rest is kept for diagnosis. The child
 * exits when its standard input closes, so a test that dies leaves no process behind.
 */
final class NodeProcess implements AutoCloseable {

    record Event(String text, long receivedMillis) {
        String[] fields() {
            return text.split(" ");
        }
    }

    private final String name;
    private final Process process;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::read, "node-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcess start(String name, Path logFile, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        NodeProcess node = new NodeProcess(name, process);
        node.logFile = logFile;
        return node;
    }

    private Path logFile;

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("@@ ")) {
                    events.add(new Event(line.substring(3), System.currentTimeMillis()));
                }
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> events(String kind) {
        return events.stream().filter(e -> e.text().startsWith(kind + " ")).toList();
    }

    /** Waits for an event this node prints; null when it did not come in time. */
    Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            if (!process.isAlive()) {
                return null;
            }
            Thread.sleep(20);
        }
        return null;
    }

    /** SIGKILL: no shutdown hook, no lock release by the JVM (the OS drops the lock with the process). */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String outputTail(int lines) {
        int from = Math.max(0, output.size() - lines);
        return String.join("\n", output.subList(from, output.size()));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.getOutputStream().close();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        if (logFile != null) {
            java.nio.file.Files.write(logFile, output, StandardCharsets.UTF_8);
        }
    }
}
