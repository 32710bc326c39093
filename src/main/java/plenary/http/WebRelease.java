package plenary.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One exact content of the page's files, named by a hash of them all, and the index page that loads
 * that content from under {@code v/<release>/}.
 *
 * <p>The page is 130-odd files (the room's ES modules import each other by relative names), and
 * revalidating each one on every load cost 130 requests and 304s: on conference Wi-Fi a round trip
 * each, and about 0.6 CPU-seconds of the browser's own. Files under a release's prefix never change,
 * so they are cached for a year without revalidation; the modules' relative imports stay under the
 * prefix with no build step to rewrite them. The index itself is revalidated on every load, so a new
 * release (a new hash) is in the browser at the next load.
 *
 * <p>The index also names every module of the page as a {@code modulepreload}: a first load then asks
 * for all of them at once, where following the imports took one round trip per level of the module
 * graph (six levels below {@code app.js}'s 130 modules, 2026-12-07), and they are fetched and compiled in parallel.
 */
record WebRelease(String id, byte[] index) {
    /** The index page's own stylesheets and scripts: relative names, which the release prefix keeps relative. */
    private static final Pattern ASSET = Pattern.compile("((?:href|src)=\")([A-Za-z0-9][A-Za-z0-9_./-]*\\.(?:css|js))\"");

    /** The page's one classic script (early.js: the first requests), which is no module to preload. */
    private static final String EARLY = "early.js";

    /** A name that needs no escaping in an attribute (a --web-dir may hold anything). */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_./-]+");

    /** Reads every page file under {@code root}: a blocking call. */
    static WebRelease of(Path root) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f -> WebFiles.isPageFile("/" + root.relativize(f).toString().replace('\\', '/')))
                        .sorted().toList();
            }
            for (Path file : files) {
                digest.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                byte[] content = Files.readAllBytes(file);
                digest.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(content);
            }
            String id = HexFormat.of().formatHex(digest.digest(), 0, 8);
            String html = Files.readString(root.resolve("index.html"), StandardCharsets.UTF_8);
            List<String> modules = files.stream().map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".js") && !name.equals("app.js") && !name.equals(EARLY)
                            && SAFE_NAME.matcher(name).matches())
                    .toList();
            return new WebRelease(id, index(html, id, modules).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page at " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The index with its stylesheets' and scripts' names under {@code v/<id>/}, and a
     * {@code modulepreload} of each of {@code modules} (names relative to the page) before its first script.
     */
    static String index(String html, String id, List<String> modules) {
        Matcher m = ASSET.matcher(html);
        String versioned = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "v/" + id + "/" + r.group(2) + "\""));
        int script = versioned.indexOf("<script type=\"module\"");
        if (script < 0 || modules.isEmpty()) {
            return versioned;
        }
        int lineStart = versioned.lastIndexOf('\n', script) + 1;
        String indent = versioned.substring(lineStart, script).isBlank() ? versioned.substring(lineStart, script) : "";
        StringBuilder preloads = new StringBuilder();
        for (String module : modules) {
            preloads.append("<link rel=\"modulepreload\" href=\"v/").append(id).append('/').append(module).append("\">\n")
                    .append(indent);
        }
        return versioned.substring(0, script) + preloads + versioned.substring(script);
    }

    /** The strong validator of the index of this release. */
    String etag() {
        return "\"" + id + "\"";
    }
}
