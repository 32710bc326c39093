package plenary.people;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Failed sign-ins counted in this process's memory: a server alone. */
public final class MemoryFailureLog implements FailureLog, FailureLog.Failures {
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    @Override
    public synchronized <T> T alone(Function<Failures, T> step) {
        return step.apply(this);
    }

    @Override
    public List<Instant> after(String key, Instant since) {
        Deque<Instant> times = failures.get(key);
        return times == null ? List.of() : times.stream().filter(t -> t.isAfter(since)).toList();
    }

    @Override
    public void add(String key, Instant at) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(at);
    }

    @Override
    public void takeBackNewest(String key) {
        Deque<Instant> times = failures.get(key);
        if (times != null) {
            times.pollLast();
        }
    }

    @Override
    public void clear(String key) {
        failures.remove(key);
    }

    @Override
    public void forget(Instant cutoff) {
        failures.values().removeIf(times -> {
            times.removeIf(t -> !t.isAfter(cutoff));
            return times.isEmpty();
        });
    }
}
