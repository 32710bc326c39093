package plenary.people;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where {@link LoginThrottle} counts failed sign-ins: in this process's memory for a server alone
 * ({@link MemoryFailureLog}), or in the shared database for the nodes of a cluster, so that a
 * guesser gets no more tries by spreading them over the nodes.
 */
public interface FailureLog {

    /**
     * Runs one step (check, then count) alone: no other step runs meanwhile, in this process or,
     * for a shared log, on any node.
     */
    <T> T alone(Function<Failures, T> step);

    /** The failures, as one step sees them. */
    interface Failures {
        /** When this key's failures after {@code since} happened, oldest first. */
        List<Instant> after(String key, Instant since);

        void add(String key, Instant at);

        /** Takes back the newest failure of the key: it was counted before its password was found right. */
        void takeBackNewest(String key);

        void clear(String key);

        /** Forgets every failure at or before {@code cutoff}, so the log does not grow with every name tried. */
        void forget(Instant cutoff);
    }
}
