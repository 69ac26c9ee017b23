package ru.sp500rub.log;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The reason an operator needs from a chain of exceptions, in one bounded, escaped line: the innermost
 * cause ("No space left on device", "Read-only file system: /srv/reports/.staged-top10-growth.json",
 * "Not a directory: /x/y"), never a wrapper's words ("Multicast processing failed for number 0",
 * "java.io.IOException: ...").
 *
 * <p>No Camel types are imported: Camel's wrappers ({@code CamelExchangeException},
 * {@code RuntimeCamelException} and their subclasses) are recognised by class name, so this stays a
 * plain function usable from the log layout as well as from the routes.
 */
public final class Causes {

    /** Longest reason returned, escapes included. */
    public static final int MAX_CHARS = 400;
    /** A chain deeper than this is cut (cycles are also detected). */
    private static final int MAX_DEPTH = 32;
    private static final Set<String> CAMEL_WRAPPERS = Set.of(
            "org.apache.camel.CamelExchangeException", "org.apache.camel.RuntimeCamelException");

    private Causes() {
    }

    /** The innermost cause in words, escaped, at most {@link #MAX_CHARS}. */
    public static String innermost(Throwable error) {
        return LogText.escape(describe(innermostOf(error)), MAX_CHARS);
    }

    /**
     * The innermost cause after the outermost message that adds something of its own ("cannot store the
     * rate in reports/rate.json: No space left on device"); wrappers that only repeat or carry their
     * cause are skipped. Just the innermost cause when nothing adds to it.
     */
    public static String inContext(Throwable error) {
        List<Throwable> chain = chain(error);
        Throwable inner = chain.get(chain.size() - 1);
        String reason = describe(inner);
        for (Throwable t : chain.subList(0, chain.size() - 1)) {
            if (!isWrapper(t)) {
                String context = ownMessage(t); // a sentence of the code's own, whatever its type
                if (context == null) {
                    continue;
                }
                String line = context.contains(reason) ? context : context + ": " + reason;
                return LogText.escape(line, MAX_CHARS);
            }
        }
        return LogText.escape(reason, MAX_CHARS);
    }

    /**
     * True when the chain holds a programming error rather than a failure of the world outside (a
     * site, a disk, a setting): its stack trace is what a bug report needs.
     */
    public static boolean looksLikeBug(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof Error
                    || t instanceof NullPointerException
                    || t instanceof ClassCastException
                    || t instanceof IndexOutOfBoundsException
                    || t instanceof ArithmeticException
                    || t instanceof ArrayStoreException
                    || t instanceof NegativeArraySizeException
                    || t instanceof UnsupportedOperationException
                    || t instanceof IllegalMonitorStateException
                    || t instanceof java.util.ConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }

    /** The last throwable of the chain (cycle-safe). */
    static Throwable innermostOf(Throwable error) {
        List<Throwable> chain = chain(error);
        return chain.get(chain.size() - 1);
    }

    /** The throwable itself in words, not escaped. */
    static String describe(Throwable t) {
        if (t instanceof FileSystemException fs) {
            return fileSystem(fs);
        }
        String message = ownMessage(t);
        if (t instanceof UnknownHostException) {
            return message == null ? "Unknown host" : "Unknown host: " + message;
        }
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        // a JDK runtime exception's message alone ("Index 3 out of bounds") does not say what happened
        boolean jdkRuntime = (t instanceof RuntimeException || t instanceof Error)
                && t.getClass().getName().startsWith("java.");
        return jdkRuntime ? t.getClass().getSimpleName() + ": " + message : message;
    }

    /** The reason as the OS gave it ("Read-only file system"), then the file(s) it concerns. */
    private static String fileSystem(FileSystemException fs) {
        String reason = fs.getReason() != null && !fs.getReason().isBlank() ? fs.getReason() : usualReason(fs);
        StringBuilder text = new StringBuilder(reason);
        if (fs.getFile() != null) {
            text.append(": ").append(fs.getFile());
        }
        if (fs.getOtherFile() != null) {
            text.append(" -> ").append(fs.getOtherFile());
        }
        return text.toString();
    }

    /** The JDK leaves the reason out for these; these are the words strerror(3) uses. */
    private static String usualReason(FileSystemException fs) {
        if (fs instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (fs instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (fs instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (fs instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (fs instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (fs instanceof NotLinkException) {
            return "Not a symbolic link";
        }
        return fs.getClass().getSimpleName();
    }

    /**
     * The message without what Camel appends to it (". Exchange[ID]. Caused by: [...]"): the exchange id
     * means nothing to an operator and the cause is described on its own.
     */
    private static String ownMessage(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        if (isCamelException(t)) {
            int exchange = message.indexOf(". Exchange[");
            if (exchange >= 0) {
                message = message.substring(0, exchange);
            }
        }
        return message.strip();
    }

    /** A throwable that only carries its cause: its own words add nothing an operator can act on. */
    static boolean isWrapper(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null || cause == t) {
            return false;
        }
        if (isCamelWrapper(t) || t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException) {
            return true;
        }
        String message = t.getMessage();
        if (message == null || message.isBlank() || message.equals(cause.toString())) {
            return true; // new RuntimeException(cause), new UncheckedIOException(cause)
        }
        String causeMessage = cause.getMessage();
        return causeMessage != null && !causeMessage.isBlank() && message.contains(causeMessage);
    }

    private static boolean isCamelWrapper(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (CAMEL_WRAPPERS.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCamelException(Throwable t) {
        return t.getClass().getName().startsWith("org.apache.camel.");
    }

    private static List<Throwable> chain(Throwable error) {
        if (error == null) {
            throw new IllegalArgumentException("no throwable to describe");
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
