package plenary.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between Plenary and its database, as a relay on a port of 127.0.0.1 that a test can
 * cut: a cut link refuses new connections and drops the open ones, as a stopped database server
 * does, without stopping the database that other tests of this JVM share. {@link #restore} brings
 * it back on the same port.
 */
final class DatabaseLink implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private DatabaseLink(int targetPort, ServerSocket listener) {
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    static DatabaseLink to(int targetPort) throws IOException {
        return new DatabaseLink(targetPort, bind(0));
    }

    int port() {
        return port;
    }

    /** The database is gone: connections are refused, and those open are dropped. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** The database is back, at the same address. */
    synchronized void restore() throws IOException {
        if (listener.isClosed()) {
            listener = bind(port);
            accept(listener);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket from) {
        Thread.ofVirtual().name("database-link-accept").start(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    Socket database = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    // Under cut()'s lock: a connection accepted just before a cut and registered just
                    // after it would have outlived the cut (the pool once opened one then, and
                    // /health kept answering UP through it).
                    synchronized (this) {
                        if (from.isClosed()) {
                            close(client);
                            close(database);
                            continue;
                        }
                        open.add(client);
                        open.add(database);
                    }
                    pump(client, database);
                    pump(database, client);
                } catch (IOException e) {
                    // closed by cut(), or one connection failed: the next accept decides
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("database-link-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
