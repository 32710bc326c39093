package plenary.security;

import plenary.http.TestPeople;
import plenary.server.ChildJvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plenary in a child JVM started from a working directory of the test's choosing (a checkout, say)
 * and on a class path of its choosing, logging to a file; and raw HTTP requests to it, sent byte for
 * byte as written ({@code /../.env} included), which no HTTP client library would do.
 */
final class ServerInDirectory implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http://localhost:(\\d+)/");

    private final Process process;
    private final Path log;
    private final int port;

    private ServerInDirectory(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code plenary.Main --port 0 --host 127.0.0.1 --data-dir DIR args...} in {@code workingDir} on
     * the run's class path for children ({@link ChildJvm}), with {@code env} added to a PLENARY_-free
     * environment, and waits until it listens.
     */
    static ServerInDirectory start(Path workingDir, Path dataDir, Path log, Map<String, String> env,
                                   String... args) throws IOException, InterruptedException {
        return start(workingDir, ChildJvm.plenaryMain(List.of()), dataDir, log, env, args);
    }

    /** The same on {@code classPath}, for a test of how Plenary starts from one. */
    static ServerInDirectory start(Path workingDir, String classPath, Path dataDir, Path log, Map<String, String> env,
                                   String... args) throws IOException, InterruptedException {
        return start(workingDir, ChildJvm.plenaryMain(List.of(), classPath), dataDir, log, env, args);
    }

    private static ServerInDirectory start(Path workingDir, List<String> plenaryMain, Path dataDir, Path log,
                                           Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(plenaryMain);
        command.addAll(List.of("--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        builder.environment().put("PLENARY_ADMIN_PASSWORD", TestPeople.ADMIN_PASSWORD);
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            Matcher listening = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (listening.find()) {
                return new ServerInDirectory(process, log, Integer.parseInt(listening.group(1)));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the server did not start; its output:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }

    int port() {
        return port;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** SIGTERM, and wait until the server has stopped (its log is then complete). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not stop within 60 s of SIGTERM");
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw HTTP/1.1 answer: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** {@code GET target} with the target exactly as given. */
    Answer get(String target) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            // One char per byte until the body is whole; then the body is read as UTF-8.
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + target, e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
