package plenary.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
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

    private final Path root;
    private final boolean developing;

    private WebFiles(Path root, boolean developing) {
        this.root = root;
        this.developing = developing;
    }

    /** The shipped page, located (or extracted) once per process: every router of every server serves the same. */
    private static Path shippedCopy;

    /** @param webDir the explicit directory ({@code --web-dir}), or null for the shipped copy */
    static WebFiles of(Path webDir) {
        if (webDir == null) {
            return new WebFiles(shipped(), false);
        }
        Path dir = webDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new IllegalArgumentException("--web-dir " + webDir + " has no index.html");
        }
        return new WebFiles(dir, true);
    }

    Path root() {
        return root;
    }

    /**
     * Every file is revalidated on every load ({@code Cache-Control: no-cache}) against its
     * {@code Last-Modified}: unchanged files cost a 304 and no body, and a new release (whose files
     * are newer) shows at once. Content-hashed URLs would spare even the 304s, but the page's modules
     * import each other by plain relative names, and there is no build step to rewrite them.
     */
    void mount(Router router) {
        StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setIncludeHidden(false)
                .setDirectoryListing(false)
                .setCachingEnabled(true)
                // Vert.x remembers a file's size and time: for good for the shipped copy, which never
                // changes while the server runs; a millisecond for a --web-dir, edited as it serves.
                .setFilesReadOnly(!developing)
                .setCacheEntryTimeout(developing ? 1 : StaticHandler.DEFAULT_CACHE_ENTRY_TIMEOUT)
                .setDefaultContentEncoding(StandardCharsets.UTF_8.name());
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebFiles::refuseUnlisted)
                .handler(ctx -> {
                    // Set first: the handler adds its own (public, max-age) only when none is there.
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
                    ctx.next();
                })
                .handler(files);
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
