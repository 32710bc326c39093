package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test classes run two at a time (junit-platform.properties), but never two browser classes: they
 * share one demo server and one pool of signed-in browsers per JVM ({@link DemoServer#shared()},
 * {@link BrowserPool}). Each holds {@link BrowserLock}, so the browser classes run one after another
 * (first, {@link BrowsersFirst}) beside the other classes. A browser class without the lock would
 * fail at random, so every compiled test class tagged "browser" must hold it.
 */
class BrowserIsolationTest {
    @Test
    void everyBrowserClassHoldsTheBrowserLock() throws Exception {
        Path classes = Path.of(DemoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> browserClasses = new ArrayList<>();
        List<String> unlocked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                boolean browser = Arrays.stream(type.getAnnotationsByType(Tag.class)).anyMatch(t -> t.value().equals("browser"));
                if (browser) {
                    browserClasses.add(type.getSimpleName());
                    if (Arrays.stream(type.getAnnotationsByType(ResourceLock.class)).noneMatch(l -> l.value().equals(BrowserLock.NAME))) {
                        unlocked.add(type.getName());
                    }
                }
            }
        }
        assertTrue(browserClasses.size() >= 20, "the scan found the browser classes: " + browserClasses);
        assertEquals(List.of(), unlocked, "browser classes without the browser lock");
    }
}
