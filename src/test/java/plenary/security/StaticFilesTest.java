package plenary.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.security.ServerInDirectory.Answer;
import plenary.server.ChildJvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 8: started from a checkout, the server served {@code ./web}'s {@code .env} and
 * editor backups (Vert.x looks in the working directory before the class path). Here the server is
 * started from a directory holding a secret {@code .env}, a {@code .git/config}, and a {@code web/}
 * of its own full of leftovers; it must serve the shipped page and nothing else, from the jar as
 * from the build's classes. With {@code --web-dir} it serves that directory, still without its
 * hidden files and backups.
 */
@Tag("integration")
class StaticFilesTest {
    private static final String SECRET = "PLENARY_DB_PASSWORD=hunter2-secret";
    private static final String IMPOSTOR = "<!doctype html><p>impostor page from the working directory</p>";

    /** What an attacker asks for, written as sent: dotfiles, backups, escapes, climbs. */
    private static final List<String> PROBES = List.of("/.env", "/.git/config", "/web/.env", "/app.js~",
            "/app.js.orig", "/app.js.bak", "/.app.js.swp", "/%23app.js%23", "/secret.txt", "/../.env", "/%2e%2e/.env",
            "/%2e%2e/%2e%2e/.env", "/..%2f.env", "/js/../.env", "/%2eenv", "/docs/", "/js", "/app.js%7e",
            "/index.html%00.js");

    @TempDir
    Path dir;

    @Test
    void fromACheckoutWithTheJarOnlyTheShippedPageIsServed() throws Exception {
        // The children's class path: the build's classes as one jar (ChildJvm), as with java -jar.
        Path checkout = checkout();
        try (ServerInDirectory server = ServerInDirectory.start(checkout, dir.resolve("data-jar"),
                dir.resolve("jar.log"), Map.of(), "--no-samples")) {
            assertOnlyTheShippedPage(server);
        }
    }

    @Test
    void fromACheckoutWithTheBuildsClassesOnlyTheShippedPageIsServed() throws Exception {
        Path checkout = checkout();
        try (ServerInDirectory server = ServerInDirectory.start(checkout, System.getProperty("java.class.path"),
                dir.resolve("data-classes"), dir.resolve("classes.log"), Map.of(), "--no-samples")) {
            assertOnlyTheShippedPage(server);
        }
    }

    @Test
    void anExplicitWebDirIsServedWithoutItsHiddenFilesAndBackups() throws Exception {
        Path checkout = checkout();
        Path web = dir.resolve("dev-web");
        copyTree(ChildJvm.buildClasses().resolve("web"), web);
        Files.writeString(web.resolve("index.html"), Files.readString(web.resolve("index.html"))
                .replace("<title>Plenary</title>", "<title>Plenary (development copy)</title>"));
        plantLeftovers(web);
        try (ServerInDirectory server = ServerInDirectory.start(checkout, dir.resolve("data-webdir"),
                dir.resolve("webdir.log"), Map.of(), "--no-samples", "--web-dir", web.toString())) {
            Answer index = server.get("/");
            assertEquals(200, index.status());
            assertTrue(index.body().contains("Plenary (development copy)"), "the --web-dir copy is served");
            assertEquals(200, server.get("/app.js").status());
            assertEquals(200, server.get("/docs/live-protocol.md").status());
            assertNothingElse(server);
        }
    }

    private void assertOnlyTheShippedPage(ServerInDirectory server) {
        Answer index = server.get("/");
        assertEquals(200, index.status(), index::body);
        assertFalse(index.body().contains("impostor"), "the working directory's web/index.html must not be served");
        assertTrue(index.body().matches("(?s).*<script type=\"module\" src=\"v/[0-9a-f]{16}/app\\.js\"></script>.*"), index.body());
        assertEquals(index.body(), server.get("/index.html").body());
        Answer script = server.get("/app.js");
        assertEquals(200, script.status());
        assertFalse(script.body().contains("from the working directory"), "nor its app.js");
        assertTrue(script.headers().getOrDefault("content-type", "").contains("javascript"), script.headers()::toString);
        assertEquals(200, server.get("/docs/live-protocol.md").status());
        assertNothingElse(server);
    }

    private static void assertNothingElse(ServerInDirectory server) {
        for (String probe : PROBES) {
            Answer answer = server.get(probe);
            assertFalse(answer.body().contains("hunter2") || answer.body().contains("leftover")
                    || answer.body().contains("[core]"), () -> probe + " leaked: " + answer.body());
            assertTrue(answer.status() == 404 || answer.status() == 400, () -> probe + " answered " + answer.status());
            assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json"),
                    () -> probe + ": " + answer.headers());
        }
    }

    /** A working directory like a developer's checkout, with what must never be served. */
    private Path checkout() throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(checkout.resolve(".env"), SECRET + "\n");
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/config"), "[core]\n\trepositoryformatversion = 0\n");
        Path web = Files.createDirectories(checkout.resolve("web"));
        Files.writeString(web.resolve("index.html"), IMPOSTOR);
        Files.writeString(web.resolve("app.js"), "// app.js from the working directory\n");
        Files.writeString(web.resolve("secret.txt"), SECRET + "\n");
        plantLeftovers(web);
        return checkout;
    }

    private static void plantLeftovers(Path web) throws IOException {
        Files.writeString(web.resolve(".env"), SECRET + "\n");
        for (String name : List.of("app.js~", "app.js.orig", "app.js.bak", ".app.js.swp", "#app.js#", ".eNV")) {
            Files.writeString(web.resolve(name), "// leftover " + SECRET + "\n");
        }
        Files.createDirectories(web.resolve(".git"));
        Files.writeString(web.resolve(".git/config"), "[core] leftover " + SECRET + "\n");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
