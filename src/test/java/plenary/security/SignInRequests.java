package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw HTTP/1.1 requests sent from a chosen loopback address (127.0.0.2, say: Linux routes all of
 * 127/8 to the loopback interface), so the server sees the client address a test wants, with any
 * headers (X-Forwarded-For, cookies) written exactly as given.
 */
final class SignInRequests {
    private SignInRequests() {
    }

    /** An answer: status, headers by lower-case name (every value kept: Set-Cookie comes more than once), body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The value a Set-Cookie of this answer gives the named cookie. */
        Optional<String> cookie(String name) {
            for (String set : headers.getOrDefault("set-cookie", List.of())) {
                if (set.startsWith(name + "=")) {
                    return Optional.of(set.substring(name.length() + 1, set.indexOf(';') < 0 ? set.length() : set.indexOf(';')));
                }
            }
            return Optional.empty();
        }

        JsonNode json() {
            try {
                return HttpTestClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Asserts the status and the problem type, and returns the problem. */
        JsonNode problem(int expectedStatus, String type) {
            assertEquals(expectedStatus, status, () -> "expected " + expectedStatus + " " + type + ", got " + status + ": " + body);
            assertTrue(header("content-type").orElse("").startsWith("application/problem+json"), headers::toString);
            JsonNode problem = json();
            assertEquals(type, problem.path("type").asText(), body);
            return problem;
        }
    }

    static String signInBody(String username, String password) {
        return HttpTestClient.JSON.createObjectNode().put("username", username).put("password", password).toString();
    }

    static Answer signIn(int port, String from, String username, String password, String... headers) {
        return send(port, from, "POST", "/api/session", signInBody(username, password), headers);
    }

    /** One request on a connection of its own from {@code from}; {@code headers} are name, value pairs. */
    static Answer send(int port, String from, String method, String path, String json, String... headers) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " from " + from + " failed", e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", List.of("")).get(0))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
