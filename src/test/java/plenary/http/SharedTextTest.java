package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broadcast encoded once ({@link SharedText}) reaches each socket whole: a real Vert.x server writes
 * the same bytes to a JDK WebSocket client twice, a short message in one frame and a long one in
 * frames of 64 KiB whose edges fall inside two-, three- and four-byte characters.
 */
@Tag("integration")
class SharedTextTest {
    @Test
    void theSameBytesArriveWholeAtEverySocketEvenCutInsideCharacters() throws Exception {
        StringBuilder long_ = new StringBuilder("{\"type\":\"ops\",\"text\":\"");
        // The first frame's edge lands inside "中" (three bytes), later ones wherever the mix puts them.
        long_.append("a".repeat(SharedText.MAX_FRAME - long_.length() - 1)).append('中');
        while (long_.length() < 200_000) {
            long_.append("é中𝄞 Décide");
        }
        String longText = long_.append("\"}").toString();
        String shortText = "{\"type\":\"presence\",\"who\":\"Genève 中\"}";
        assertTrue(longText.getBytes(StandardCharsets.UTF_8).length > 3 * SharedText.MAX_FRAME, "several frames");

        Vertx vertx = Vertx.vertx();
        try {
            SharedText shared = SharedText.of(longText);
            SharedText small = SharedText.of(shortText);
            HttpServer server = vertx.createHttpServer().webSocketHandler(socket -> {
                small.writeTo(socket);
                shared.writeTo(socket);
                shared.writeTo(socket);
            }).listen(0, "127.0.0.1").await();

            List<String> messages = new ArrayList<>();
            List<Integer> frames = new ArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            StringBuilder partial = new StringBuilder();
            int[] parts = {0};
            try (HttpClient http = HttpClient.newHttpClient()) {
                WebSocket client = http.newWebSocketBuilder().buildAsync(
                        URI.create("ws://127.0.0.1:" + server.actualPort() + "/"), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                parts[0]++;
                                if (last) {
                                    messages.add(partial.toString());
                                    frames.add(parts[0]);
                                    partial.setLength(0);
                                    parts[0] = 0;
                                    three.countDown();
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(30, TimeUnit.SECONDS);
                assertTrue(three.await(60, TimeUnit.SECONDS), "three messages; got " + messages.size());
                client.abort();
            }
            assertEquals(List.of(shortText, longText, longText), messages);
            assertTrue(frames.get(1) > 1 && frames.get(2) > 1, "the long message came in parts: " + frames);
        } finally {
            vertx.close().await();
        }
    }
}
