package plenary.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the build's class directories for a long benchmark, so that it survives other
 * builds in the same tree: a build without {@code -Pbench} deletes the bench classes from
 * {@code target/test-classes}, and a recompilation replaces {@code target/classes} while a child JVM
 * loads from it. The directories on this JVM's class path are copied to
 * {@code /tmp/plenary-bench-classes-PID}; the jars stay where they are (Maven's repository does not
 * change under a run). A copy whose JVM is gone is deleted by the next run.
 */
final class BuildCopy {
    private static final String PREFIX = "plenary-bench-classes-";

    private BuildCopy() {
    }

    /**
     * Copies the class path's directories and returns a class loader over the copies and the jars
     * (parent: the platform loader, so nothing is loaded from the originals), and sets
     * {@code bench.classpath} (the class path of child JVMs, see {@link BenchNodes}) to the same.
     */
    static URLClassLoader isolate() throws IOException {
        sweep();
        Path root = Path.of(System.getProperty("java.io.tmpdir"), PREFIX + ProcessHandle.current().pid());
        deleteTree(root);
        Files.createDirectories(root);
        List<String> entries = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path copy = root.resolve("cp" + i++);
                copyTree(path, copy);
                path = copy;
            }
            entries.add(path.toString());
            urls.add(url(path));
        }
        System.setProperty("bench.classpath", String.join(File.pathSeparator, entries));
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted by a build meanwhile: not part of what this run uses
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes the copies of runs whose JVM is gone. */
    private static void sweep() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    long pid = Long.parseLong(dir.getFileName().toString().substring(PREFIX.length()));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                deleteTree(dir);
            }
        } catch (IOException e) {
            // a best effort
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a best effort
        }
    }
}
