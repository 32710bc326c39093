package plenary.http;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, static files: every reload downloaded the page's 127 files (544 KB) again, uncompressed,
 * over conference Wi-Fi. Now a reload revalidates each file and gets {@code 304} with no body when it
 * is unchanged, files come gzipped to a browser that accepts it, and a changed file is served at once.
 * API answers are never compressed (a secret beside attacker-chosen text would leak by its size).
 */
@Tag("integration")
class PageCachingTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aReloadFetchesNothingUnchangedAndFilesComeCompressed() throws Exception {
        Path web = copyOfTheShippedPage(dir.resolve("web"));
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "--no-samples", "--web-dir", web.toString())) {
            List<String> paths = pagePaths(web);
            assertTrue(paths.size() > 50, "the page's files: " + paths.size());

            // First load: everything, each with a validator, to be revalidated on every use.
            Map<String, String> lastModified = new LinkedHashMap<>();
            long plainBytes = 0;
            long sentBytes = 0;
            for (String path : paths) {
                HttpResponse<byte[]> first = get(server, path, Map.of("Accept-Encoding", "gzip"));
                assertEquals(200, first.statusCode(), path);
                assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""), path);
                lastModified.put(path, first.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError(path)));
                byte[] plain = Files.readAllBytes(web.resolve(path.equals("/") ? "index.html" : path.substring(1)));
                byte[] body = first.body();
                if (first.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                    body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
                }
                assertArrayEquals(plain, body, path);
                plainBytes += plain.length;
                sentBytes += first.body().length;
            }
            HttpResponse<byte[]> script = get(server, "/js/live-view.js", Map.of("Accept-Encoding", "gzip"));
            assertEquals("gzip", script.headers().firstValue("Content-Encoding").orElse(""), "a module, gzipped");
            System.out.printf("first load: %d files, %d KB of files sent as %d KB%n", paths.size(), plainBytes / 1024,
                    sentBytes / 1024);
            assertTrue(sentBytes * 2 < plainBytes, "compression at least halves the page: " + sentBytes + " of " + plainBytes);

            // Reload: every file revalidated, none sent again.
            for (String path : paths) {
                HttpResponse<byte[]> again = get(server, path, Map.of("If-Modified-Since", lastModified.get(path)));
                assertEquals(304, again.statusCode(), path);
                assertEquals(0, again.body().length, path);
            }

            // A new release: the changed file is served at once, the rest still 304.
            Path changed = web.resolve("js/dom.js");
            Files.writeString(changed, Files.readString(changed) + "\n// released\n");
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
            awaitServed(server, "/js/dom.js", lastModified.get("/js/dom.js"));
            assertEquals(304, get(server, "/js/format.js", Map.of("If-Modified-Since", lastModified.get("/js/format.js"))).statusCode());

            // API answers: never compressed, never cached.
            HttpResponse<byte[]> api = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/api/session")).header("Accept-Encoding", "gzip")
                    .header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, api.statusCode());
            assertFalse(api.headers().firstValue("Content-Encoding").isPresent(), api.headers().toString());
            assertEquals("no-store", api.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(new String(api.body()).startsWith("{"), "plain JSON");
        }
    }

    private void awaitServed(RunningServer server, String path, String since) throws Exception {
        // Vert.x remembers a --web-dir file's time for a millisecond; the next request sees the change.
        HttpResponse<byte[]> response;
        int tries = 0;
        do {
            response = get(server, path, Map.of("If-Modified-Since", since));
            assertTrue(++tries < 1_000, "the changed file was never served");
        } while (response.statusCode() == 304);
        assertEquals(200, response.statusCode());
        assertTrue(new String(response.body()).endsWith("// released\n"), "the new release's file");
    }

    private HttpResponse<byte[]> get(RunningServer server, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** "/" and every file of the page, as URL paths. */
    private static List<String> pagePaths(Path web) throws IOException {
        List<String> paths = new ArrayList<>(List.of("/"));
        try (Stream<Path> files = Files.walk(web)) {
            files.filter(Files::isRegularFile).map(f -> "/" + web.relativize(f).toString().replace('\\', '/'))
                    .filter(WebFiles::isPageFile).sorted().forEach(paths::add);
        }
        return paths;
    }

    private static Path copyOfTheShippedPage(Path target) throws IOException {
        Path source = Path.of("web").toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }
}
