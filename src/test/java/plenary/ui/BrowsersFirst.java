package plenary.ui;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The run's class order (junit-platform.properties): browser classes first. They run one at a time
 * ({@link BrowserLock}) and are the longest chain in the run, so one thread starts on them at once
 * and keeps to them while the other works through the rest; started last, they ran alone at the end.
 */
public final class BrowsersFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(d -> browser(d.getTestClass()) ? 0 : 1));
    }

    private static boolean browser(Class<?> type) {
        return Arrays.stream(type.getAnnotationsByType(Tag.class)).anyMatch(t -> t.value().equals("browser"));
    }
}
