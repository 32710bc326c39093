package plenary.http;

/**
 * Limits of the live socket. Messages up to {@code maxMessageBytes} (of UTF-8, in one frame or several;
 * the server agrees to no compression) are read; larger ones get a {@code message-too-large}
 * error, and past {@link #hardMessageBytes()} the socket is closed (1009) without reading them.
 *
 * @param outboundQueueBytes a client that lets more than this pile up is closed with reason "resync"
 */
public record LiveLimits(int maxMessageBytes, double messagesPerSecond, double burst, int outboundQueueBytes) {
    public static final LiveLimits DEFAULTS = new LiveLimits(64 * 1024, 50, 100, 1024 * 1024);

    /** 4 × the message limit: the longest message, and frame, that is answered rather than cut off. */
    public int hardMessageBytes() {
        return maxMessageBytes * 4;
    }
}
