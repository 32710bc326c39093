package plenary.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection into JDBC: a DataSource in front of a real one (an H2 file, a PostgreSQL
 * database) that makes the store fail when a test says so, as a lost connection, a full disk or a
 * database restart would. Everything else goes to the real database, so what did reach it is
 * really there, and what failed was really rolled back by the code under test.
 *
 * <ul>
 *   <li>{@link #failCommits}: the next commits throw before reaching the database (nothing of the
 *       transaction is kept once the caller rolls back, as it must);</li>
 *   <li>{@link #failAfterCommits}: the next commits reach the database and then throw: the write is
 *       durable but its writer is told it failed (a connection lost during the commit);</li>
 *   <li>{@link #failConnections}: the next connections cannot be had;</li>
 *   <li>{@link #down} until {@link #up}: no connection, and no commit on one already open;</li>
 *   <li>{@link #holdAfterNextFailure}: after the next injected failure, connections wait at a gate
 *       until the test opens it, so a test can act while a recovery is under way.</li>
 * </ul>
 * Thrown failures are {@link SQLException}s with SQL state 08006 (connection failure).
 */
public final class FailingDataSource extends ForwardingDataSource {
    private final AtomicInteger commitsToFail = new AtomicInteger();
    private final AtomicInteger commitsToFailAfter = new AtomicInteger();
    private final AtomicInteger connectionsToFail = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private volatile boolean down;
    private volatile Gate armed;
    private volatile Gate gate;

    public FailingDataSource(DataSource delegate) {
        super(delegate);
    }

    /** The next {@code n} commits throw without committing. */
    public void failCommits(int n) {
        commitsToFail.set(n);
    }

    /** The next {@code n} commits are carried out, then throw: durable, but reported as failed. */
    public void failAfterCommits(int n) {
        commitsToFailAfter.set(n);
    }

    /** The next {@code n} calls of getConnection throw. */
    public void failConnections(int n) {
        connectionsToFail.set(n);
    }

    /** The store is unreachable: every getConnection, and every commit, throws until {@link #up}. */
    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** Once the next failure has been injected, getConnection waits at the returned gate until it opens. */
    public Gate holdAfterNextFailure() {
        Gate g = new Gate();
        armed = g;
        return g;
    }

    /** How many failures have been thrown so far. */
    public int injectedFailures() {
        return injected.get();
    }

    /** How many commits went through to the database (including those then reported as failed). */
    public int commits() {
        return commits.get();
    }

    /** Where connections wait; {@link #open} lets them (and every later one) through. */
    public static final class Gate {
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger waiting = new AtomicInteger();

        public void open() {
            opened.countDown();
        }

        /** Waits until someone is held at the gate; false if nobody came within the timeout. */
        public boolean awaitHeld(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waiting.get() == 0) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }

        /** How many callers are waiting now. */
        public int waiting() {
            return waiting.get();
        }

        private void pass() throws SQLException {
            waiting.incrementAndGet();
            try {
                if (!opened.await(60, TimeUnit.SECONDS)) {
                    throw new SQLException("a test held this connection for more than 60 s", "08006");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the test's gate", "08006", e);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    private SQLException inject(String what) {
        injected.incrementAndGet();
        Gate next = armed;
        if (next != null) {
            armed = null;
            gate = next;
        }
        return new SQLException("injected failure: " + what, "08006");
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(open(null, null));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(open(username, password));
    }

    private Connection open(String username, String password) throws SQLException {
        Gate g = gate;
        if (g != null) {
            g.pass();
        }
        if (down) {
            throw inject("the store is down (getConnection)");
        }
        if (take(connectionsToFail)) {
            throw inject("getConnection");
        }
        return username == null ? delegate.getConnection() : delegate.getConnection(username, password);
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
                if (down) {
                    throw inject("the store is down (commit)");
                }
                if (take(commitsToFail)) {
                    throw inject("commit, nothing committed");
                }
                boolean reportFailure = take(commitsToFailAfter);
                invoke(connection, method, args);
                commits.incrementAndGet();
                if (reportFailure) {
                    throw inject("after the commit (it is durable, the caller cannot know)");
                }
                return null;
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }

    private static Object invoke(Connection connection, java.lang.reflect.Method method, Object[] args)
            throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
