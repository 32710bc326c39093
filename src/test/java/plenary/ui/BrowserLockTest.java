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
 * Test classes run two at a time; a browser class that forgot {@link ChromiumLock} would share the
 * pooled browsers with another one and fail at random. Every compiled test class tagged "browser"
 * must take the lock.
 */
class BrowserLockTest {
    @Test
    void everyBrowserClassTakesTheChromiumLock() throws Exception {
        Path classes = Path.of(ChromiumLock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> browserClasses = new ArrayList<>();
        List<String> unlocked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                boolean browser = Arrays.stream(type.getAnnotationsByType(Tag.class)).anyMatch(t -> t.value().equals("browser"));
                if (!browser) {
                    continue;
                }
                browserClasses.add(type.getSimpleName());
                boolean locked = Arrays.stream(type.getAnnotationsByType(ResourceLock.class))
                        .anyMatch(lock -> lock.value().equals(ChromiumLock.NAME));
                if (!locked) {
                    unlocked.add(type.getName());
                }
            }
        }
        assertTrue(browserClasses.size() >= 20, "the scan found the browser classes: " + browserClasses);
        assertEquals(List.of(), unlocked, "browser classes without @ResourceLock(ChromiumLock.NAME)");
    }
}
