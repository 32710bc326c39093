package plenary.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import plenary.http.RunningServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: all HTTP work ran on one event loop. Now each core has a router of its own on the
 * shared socket, and Vert.x hands new connections to them in turn: connections one after another
 * are served on as many event loops as there are cores (here, the access log's thread names).
 */
@Tag("integration")
class HttpLoopsTest {
    @TempDir
    Path dir;

    @Test
    void connectionsAreServedOnEveryCoresEventLoop() throws Exception {
        String prefix = "loops-" + System.nanoTime() + "-";
        Map<String, String> threadByRequest = new ConcurrentHashMap<>();
        Logger access = (Logger) LoggerFactory.getLogger("plenary.access");
        AppenderBase<ILoggingEvent> seen = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String message = event.getFormattedMessage();
                int at = message.indexOf("req=" + prefix);
                if (at >= 0) {
                    threadByRequest.put(message.substring(at + 4).split(" ")[0], event.getThreadName());
                }
            }
        };
        seen.start();
        access.addAppender(seen);
        int cores = Runtime.getRuntime().availableProcessors();
        int connections = 4 * cores;
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "--no-samples")) {
            for (int i = 0; i < connections; i++) {
                assertEquals("HTTP/1.1 200 OK", healthOnNewConnection(server.port(), prefix + i));
            }
            // The line is written as the answer ends, which may be just after the client has read it.
            for (int waited = 0; threadByRequest.size() < connections && waited < 3_000; waited++) {
                Thread.sleep(10); // only a failure waits long
            }
        } finally {
            access.detachAppender(seen);
        }
        TreeSet<String> loops = new TreeSet<>(threadByRequest.values());
        assertTrue(loops.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread-")), loops::toString);
        assertEquals(cores, loops.size(), () -> connections + " connections on " + loops);
    }

    /** One request on a connection of its own; returns the status line. */
    private static String healthOnNewConnection(int port, String requestId) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: " + requestId
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}
