package plenary.live;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.RunningServer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that stops reading is closed with "resync" instead of growing the server's heap. */
@Tag("integration")
class LiveBackPressureTest {
    @TempDir
    Path dir;

    @Test
    void aClientThatCannotKeepUpIsClosedWithResync() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--ws-rate", "100000",
                "--ws-burst", "100000", "--tick-ms", "2");
             LiveFixture fixture = new LiveFixture(server)) {
            // The stalled client joins and then reads nothing at all.
            StalledSocket stalled = new StalledSocket(fixture.liveUri(), server.token());
            stalled.sendText("{\"type\":\"join\",\"clientId\":\"stalled\",\"since\":-1}");

            LiveTestClient writer = fixture.client("writer");
            String clause = fixture.clauseIds.get(1);
            String block = "x".repeat(30_000);
            // Insert and remove 30 KB again and again, one commit each: 18 MB of frames, far more than
            // the outbound queue (1 MiB) and the kernel's socket buffers hold.
            for (int i = 0; i < 300; i++) {
                writer.edit(clause, TextOp.builder().insert(block).build());
                writer.await(writer::idle, 30_000, "writer to drain");
                writer.edit(clause, TextOp.builder().delete(block.length()).build());
                writer.await(writer::idle, 30_000, "writer to drain");
            }
            // Now read what was queued: the server's close frame comes after it.
            String close = stalled.readUntilClose();
            stalled.close();
            assertTrue(close.startsWith("4000 resync"), close);
            assertEquals(List.of(), writer.errors(), "the writer was not affected");
            assertTrue(writer.connected(), "the writer is still connected");
        }
    }

    /**
     * Replies too: a reply that cannot be queued (here pongs, the same path as a join's answer and
     * an ack) closes the socket for resync. It used to be dropped without a word, and a client
     * whose join answer or ack was dropped would have waited for it for ever.
     */
    @Test
    void aReplyThatCannotBeQueuedClosesTheSocketRatherThanVanishing() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--ws-rate", "100000",
                "--ws-burst", "100000");
             LiveFixture fixture = new LiveFixture(server)) {
            StalledSocket stalled = new StalledSocket(fixture.liveUri(), server.token());
            // Each ping's pong echoes its 60,000-character t: 250 of them are 15 MB of replies, far
            // more than the outbound queue (1 MiB) and the kernel's socket buffers (4 MiB each way).
            String big = "\"" + "t".repeat(60_000) + "\"";
            int sent = 0;
            try {
                for (; sent < 250; sent++) {
                    stalled.sendText("{\"type\":\"ping\",\"t\":" + big + "}");
                }
            } catch (IOException closedMeanwhile) {
                // the server may close before the last pings are written: that is the point
            }
            String close;
            try {
                close = stalled.readUntilClose();
            } catch (SocketTimeoutException silence) {
                close = "no close within 30 s: the replies that did not fit were dropped";
            }
            stalled.close();
            assertTrue(close.startsWith("4000 resync"), "after " + sent + " pings: " + close);
        }
    }
}
