package ru.sp500rub.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 written on raw sockets, so that a test controls every byte: a page
 * that trickles, a body that never ends, a reset. Each request is handed to the test's handler with the
 * socket; the server records every request and notices when a client closes a connection.
 */
final class RawHttpServer implements AutoCloseable {

    /** What the test does with one request: write an answer (or not) on the socket. */
    interface Handler {
        void handle(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    record Request(String method, String target, List<String> headerLines, InetAddress client) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Handler handler;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Counted down each time a client closes a connection the server is still writing to or reading from. */
    final CountDownLatch clientClosed = new CountDownLatch(1);

    RawHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::accept);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] line = head.get(0).split(" ");
                Request request = new Request(line[0], line[1], head.subList(1, head.size()), socket.getInetAddress());
                requests.add(request);
                handler.handle(request, socket, out);
                out.flush();
                if (socket.isClosed()) {
                    return;
                }
            }
        } catch (SocketException | InterruptedException e) {
            clientClosed.countDown();
        } catch (IOException e) {
            clientClosed.countDown();
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new java.util.ArrayList<>();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines.isEmpty() ? null : lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return null;
    }

    /** Writes a whole answer with a Content-Length. */
    static void answer(OutputStream out, int status, String extraHeaders, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length + "\r\n" + extraHeaders + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Waits until the client closes the connection: a read that ends (-1) or fails. */
    static boolean waitForClientClose(Socket socket, long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
