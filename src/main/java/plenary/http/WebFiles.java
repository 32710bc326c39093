package plenary.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The browser page's files, from one directory named in full: the shipped {@code web/} (the copy in
 * the jar, or in the build's classes), or {@code --web-dir} for development. Never a path relative to
 * the working directory: Vert.x resolves those against it before the class path, so a server started
 * from a checkout served whatever lay in {@code ./web} ({@code .env}, editor backups) over the jar's
 * files. Only the kinds of file a page is made of are served, and nothing hidden.
 */
final class WebFiles {
    private static final Set<String> PAGE_FILES = Set.of("html", "js", "mjs", "css", "md", "json", "svg", "png",
            "ico", "woff2", "txt");

    /** A year: what a browser may keep a file of the current release without asking again. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Path root;
    /** The shipped page's one release; null for a --web-dir, whose release is read at each load of the index. */
    private final WebRelease release;

    private WebFiles(Path root, WebRelease release) {
        this.root = root;
        this.release = release;
    }

    /** The shipped page, located (or extracted) once per process: every router of every server serves the same. */
    private static Path shippedCopy;
    private static WebRelease shippedRelease;

    /** @param webDir the explicit directory ({@code --web-dir}), or null for the shipped copy */
    static WebFiles of(Path webDir) {
        if (webDir == null) {
            synchronized (WebFiles.class) {
                Path shipped = shipped();
                if (shippedRelease == null) {
                    shippedRelease = WebRelease.of(shipped);
                }
                return new WebFiles(shipped, shippedRelease);
            }
        }
        Path dir = webDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new IllegalArgumentException("--web-dir " + webDir + " has no index.html");
        }
        return new WebFiles(dir, null);
    }

    Path root() {
        return root;
    }

    /**
     * The index page is revalidated on every load (its ETag is the release) and loads the page's
     * stylesheets and modules from under {@code v/<release>/} ({@link WebRelease}), which the browser
     * keeps for a year without asking: a reload sends one request, and a new release is a new prefix.
     * Files asked for under another release's prefix (a page loaded before a release) and by their
     * plain names are served as they are now and revalidated against their {@code Last-Modified}, as
     * is everything from a {@code --web-dir}, which a developer edits while it serves.
     */
    void mount(Router router) {
        boolean developing = release == null;
        StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setIncludeHidden(false)
                .setDirectoryListing(false)
                .setCachingEnabled(true)
                // Vert.x remembers a file's size and time: for good for the shipped copy, which never
                // changes while the server runs; a millisecond for a --web-dir, edited as it serves.
                .setFilesReadOnly(!developing)
                .setCacheEntryTimeout(developing ? 1 : StaticHandler.DEFAULT_CACHE_ENTRY_TIMEOUT)
                .setDefaultContentEncoding(StandardCharsets.UTF_8.name());
        for (String index : List.of("/", "/index.html")) {
            router.route(index).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::index);
        }
        router.route("/v/:release/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebFiles::refuseUnlisted)
                .handler(ctx -> {
                    boolean current = !developing && release.id().equals(ctx.pathParam("release"));
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, current ? IMMUTABLE : "no-cache");
                    ctx.next();
                })
                .handler(files);
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebFiles::refuseUnlisted)
                .handler(ctx -> {
                    // Set first: the handler adds its own (public, max-age) only when none is there.
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
                    ctx.next();
                })
                .handler(files);
    }

    private void index(RoutingContext ctx) {
        if (release != null) {
            sendIndex(ctx, release);
            return;
        }
        ctx.vertx().executeBlocking(() -> WebRelease.of(root), false)
                .onSuccess(now -> sendIndex(ctx, now))
                .onFailure(ctx::fail);
    }

    private static void sendIndex(RoutingContext ctx, WebRelease release) {
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, release.etag());
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), release.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(Buffer.buffer(release.index()));
    }

    /** Whether an If-None-Match header names this entity tag (weakly, as RFC 9110 compares for GET). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Anything but a page file by a plain name looks absent, whether it exists or not. */
    private static void refuseUnlisted(RoutingContext ctx) {
        if (isPageFile(ctx.request().path())) {
            ctx.next();
        } else {
            ctx.fail(404);
        }
    }

    /**
     * "/" (the index), or a path of plain names ending in a page file's extension: no empty, dot or
     * dot-dot segment, no hidden name, no backslash, no escapes that decode to any of these, and no
     * editor leftovers ({@code app.js~}, {@code app.js.orig}, {@code .app.js.swp}, {@code #app.js#}).
     */
    static boolean isPageFile(String rawPath) {
        if ("/".equals(rawPath)) {
            return true;
        }
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0) {
            return false; // the page's own names need no escapes
        }
        List<String> segments = List.of(rawPath.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.startsWith("#") || segment.endsWith("~")) {
                return false;
            }
        }
        String name = segments.getLast();
        int dot = name.lastIndexOf('.');
        return dot > 0 && PAGE_FILES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The shipped {@code web/}: the build's directory when the classes are files, or, from the jar, a
     * private copy extracted once per start (a jar entry cannot be served by path).
     */
    private static Path shipped() {
        synchronized (WebFiles.class) {
            if (shippedCopy == null) {
                shippedCopy = locateShipped();
            }
            return shippedCopy;
        }
    }

    private static Path locateShipped() {
        URL index = WebFiles.class.getResource("/web/index.html");
        if (index == null) {
            throw new IllegalStateException("the page (web/index.html) is not on the class path");
        }
        try {
            URI uri = index.toURI();
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            return extract(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the page at " + index, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the page out of " + index, e);
        }
    }

    private static Path extract(URI indexInJar) throws IOException {
        FileSystem jar;
        boolean opened = false;
        try {
            jar = FileSystems.newFileSystem(indexInJar, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(indexInJar);
        }
        try {
            Path source = jar.provider().getPath(indexInJar).getParent();
            Path target = Files.createTempDirectory("plenary-web-");
            target.toFile().deleteOnExit();
            try (Stream<Path> entries = Files.walk(source)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path copy = target.resolve(source.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(entry, copy);
                    }
                    copy.toFile().deleteOnExit(); // deleted in reverse: files before their directories
                }
            }
            return target;
        } finally {
            if (opened) {
                jar.close();
            }
        }
    }
}
