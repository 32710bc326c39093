package plenary.bench;

import plenary.store.ForwardingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A DataSource that counts the transactions committed through it and times each commit call
 * (the moment H2 makes the transaction durable), so a benchmark can report operations per
 * transaction and the store's share of the latency without touching the code under test.
 */
final class CountingDataSource extends ForwardingDataSource {
    final LongAdder commits = new LongAdder();
    volatile Recorder commitTimes = new Recorder();
    volatile Recorder connectionHold = new Recorder();

    CountingDataSource(DataSource delegate) {
        super(delegate);
    }

    void reset() {
        commits.reset();
        commitTimes = new Recorder();
        connectionHold = new Recorder();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        long opened = System.nanoTime();
        Recorder commitRecorder = commitTimes;
        Recorder holdRecorder = connectionHold;
        InvocationHandler handler = (proxy, method, args) -> {
            long start = System.nanoTime();
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                switch (method.getName()) {
                    case "commit" -> {
                        commits.increment();
                        commitRecorder.recordNanos(System.nanoTime() - start);
                    }
                    case "close" -> holdRecorder.recordNanos(System.nanoTime() - opened);
                    default -> { }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }
}
