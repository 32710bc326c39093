package plenary.http;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, static files: every reload downloaded the page's 127 files (544 KB) again, uncompressed,
 * over conference Wi-Fi. Now the index names a release ({@link WebRelease}) under which every file is
 * cached for a year, so a reload asks for the index alone and gets {@code 304}; a new release is a new
 * name, in the browser at its next load. Files come gzipped to a browser that accepts them. From a
 * {@code --web-dir}, which a developer edits while it serves, every file is revalidated on each load
 * and a changed file is served at once. API answers are never compressed (a secret beside
 * attacker-chosen text would leak by its size). {@code PageReloadBrowserTest} reloads in Chromium.
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
            Map<String, String> validators = new LinkedHashMap<>();
            long plainBytes = 0;
            long sentBytes = 0;
            String release = WebRelease.of(web).id();
            for (String path : paths) {
                HttpResponse<byte[]> first = get(server, path, Map.of("Accept-Encoding", "gzip"));
                assertEquals(200, first.statusCode(), path);
                assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""), path);
                String validator = isIndex(path) ? "ETag" : "Last-Modified";
                validators.put(path, first.headers().firstValue(validator).orElseThrow(() -> new AssertionError(path)));
                byte[] plain = Files.readAllBytes(web.resolve(path.equals("/") ? "index.html" : path.substring(1)));
                if (isIndex(path)) {
                    plain = WebRelease.of(web).index();
                }
                byte[] body = unzipped(first);
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
                HttpResponse<byte[]> again = get(server, path, isIndex(path) ? Map.of("If-None-Match", validators.get(path))
                        : Map.of("If-Modified-Since", validators.get(path)));
                assertEquals(304, again.statusCode(), path);
                assertEquals(0, again.body().length, path);
            }
            assertEquals("no-cache", get(server, "/v/" + release + "/js/dom.js", Map.of()).headers()
                    .firstValue("Cache-Control").orElse(""), "a developer's files are never kept unasked");

            // A new release: the changed file is served at once, the rest still 304, and the index
            // names the new release.
            Path changed = web.resolve("js/dom.js");
            Files.writeString(changed, Files.readString(changed) + "\n// released\n");
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
            awaitServed(server, "/js/dom.js", validators.get("/js/dom.js"));
            assertEquals(304, get(server, "/js/format.js", Map.of("If-Modified-Since", validators.get("/js/format.js"))).statusCode());
            HttpResponse<byte[]> newIndex = get(server, "/", Map.of("If-None-Match", validators.get("/")));
            assertEquals(200, newIndex.statusCode());
            String newRelease = WebRelease.of(web).id();
            assertFalse(newRelease.equals(release));
            assertTrue(new String(newIndex.body(), StandardCharsets.UTF_8).contains("src=\"v/" + newRelease + "/app.js\""));

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

    @Test
    void theShippedPageIsKeptForAYearUnderItsReleaseAndAReloadAsksOnlyForTheIndex() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "--no-samples")) {
            HttpResponse<byte[]> index = get(server, "/", Map.of());
            assertEquals(200, index.statusCode());
            assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElse(""));
            String etag = index.headers().firstValue("ETag").orElseThrow();
            Matcher named = Pattern.compile("src=\"v/([0-9a-f]{16})/app\\.js\"").matcher(new String(index.body(), StandardCharsets.UTF_8));
            assertTrue(named.find(), "the index loads the page under its release");
            String release = named.group(1);
            assertEquals("\"" + release + "\"", etag);

            // Every file of the page under the release: the shipped bytes, kept a year, never asked again.
            Path web = Path.of("web").toAbsolutePath();
            List<String> paths = pagePaths(web);
            for (String path : paths.subList(1, paths.size())) {
                HttpResponse<byte[]> file = get(server, "/v/" + release + path, Map.of("Accept-Encoding", "gzip"));
                assertEquals(200, file.statusCode(), path);
                assertEquals("public, max-age=31536000, immutable", file.headers().firstValue("Cache-Control").orElse(""), path);
                assertArrayEquals(Files.readAllBytes(web.resolve(path.substring(1))), unzipped(file), path);
            }
            // Every module is preloaded, so a first load asks for all at once instead of level by level;
            // early.js, a classic script that starts the first requests, is loaded as one, not preloaded.
            String html = new String(index.body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("<script src=\"v/" + release + "/early.js\"></script>"), "early.js as a classic script");
            assertFalse(html.contains("modulepreload\" href=\"v/" + release + "/early.js"), "early.js is no module");
            List<String> modules = paths.stream()
                    .filter(p -> p.endsWith(".js") && !p.equals("/app.js") && !p.equals("/early.js")).toList();
            assertTrue(modules.size() > 50, "modules: " + modules.size());
            for (String module : modules) {
                assertTrue(html.contains("<link rel=\"modulepreload\" href=\"v/" + release + module + "\">"), module);
            }
            // The modules import each other by relative names, so every import stays under the release.
            try (Stream<Path> files = Files.walk(web)) {
                for (Path module : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".js"))::iterator) {
                    Matcher absolute = Pattern.compile("(?m)^\\s*(?:import\\s*|(?:import|export)\\s[^;]*?\\bfrom\\s*)['\"]/").matcher(Files.readString(module));
                    assertFalse(absolute.find(), () -> module + " imports by an absolute path: " + absolute.group());
                }
            }

            // A reload: the index alone, revalidated, and nothing sent.
            HttpResponse<byte[]> reload = get(server, "/", Map.of("If-None-Match", etag));
            assertEquals(304, reload.statusCode());
            assertEquals(0, reload.body().length);
            assertEquals(200, get(server, "/", Map.of("If-None-Match", "\"0000000000000000\"")).statusCode(),
                    "another release's index is sent whole");
            assertArrayEquals(index.body(), get(server, "/index.html", Map.of()).body());

            // A page of an earlier release still gets its files, but nothing of another release is kept.
            HttpResponse<byte[]> stale = get(server, "/v/0123456789abcdef/js/dom.js", Map.of());
            assertEquals(200, stale.statusCode());
            assertEquals("no-cache", stale.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(404, get(server, "/v/" + release + "/..%2F.env", Map.of()).statusCode());
            assertEquals(404, get(server, "/v/" + release + "/", Map.of()).statusCode());
        }
    }

    @Test
    void aReleaseIsNamedByEveryByteOfThePage() throws Exception {
        Path one = copyOfTheShippedPage(dir.resolve("one"));
        Path two = copyOfTheShippedPage(dir.resolve("two"));
        assertEquals(WebRelease.of(one).id(), WebRelease.of(two).id(), "the same files, the same release");
        Files.writeString(two.resolve("css/panel.css"), Files.readString(two.resolve("css/panel.css")) + " ");
        assertFalse(WebRelease.of(one).id().equals(WebRelease.of(two).id()), "one more byte, another release");
        Path three = copyOfTheShippedPage(dir.resolve("three"));
        Files.move(three.resolve("js/dom.js"), three.resolve("js/dom2.js"));
        assertFalse(WebRelease.of(one).id().equals(WebRelease.of(three).id()), "a file renamed, another release");
        assertEquals("<head>\n  <link rel=\"stylesheet\" href=\"v/ab/css/room.css\">\n"
                        + "  <link rel=\"modulepreload\" href=\"v/ab/js/a.js\">\n  <link rel=\"modulepreload\" href=\"v/ab/js/b/c.js\">\n"
                        + "  <script type=\"module\" src=\"v/ab/app.js\"></script>\n"
                        + "<a href=\"#/\">x</a><link rel=\"icon\" href=\"data:,\">",
                WebRelease.index("<head>\n  <link rel=\"stylesheet\" href=\"css/room.css\">\n"
                        + "  <script type=\"module\" src=\"app.js\"></script>\n"
                        + "<a href=\"#/\">x</a><link rel=\"icon\" href=\"data:,\">", "ab", List.of("js/a.js", "js/b/c.js")));
    }

    /** The index page, by either of its names: rewritten to its release, and validated by its ETag. */
    private static boolean isIndex(String path) {
        return path.equals("/") || path.equals("/index.html");
    }

    private static byte[] unzipped(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            return new GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes();
        }
        return response.body();
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
