package plenary.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's command line: "--name value" pairs, each name one the benchmark knows (repeatable
 * ones collect every value), read back with a default for what was not given.
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();

    /** Refuses a name outside {@code single} and {@code repeatable}, or one without its value. */
    BenchArgs(String[] args, Set<String> single, Set<String> repeatable) {
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            if (repeatable.contains(args[i])) {
                repeated.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
            } else if (single.contains(args[i])) {
                values.put(args[i], args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    long longInteger(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    List<String> all(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }
}
