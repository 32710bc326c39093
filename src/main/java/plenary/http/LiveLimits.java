package plenary.http;

/**
 * Limits of the live socket. Messages up to {@code maxMessageBytes} are read; larger ones get an
 * error message, and past {@code 4 ×} that Vert.x closes the socket (1009) without reading them.
 *
 * @param outboundQueueBytes a client that lets more than this pile up is closed with reason "resync"
 */
public record LiveLimits(int maxMessageBytes, double messagesPerSecond, double burst, int outboundQueueBytes) {
    public static final LiveLimits DEFAULTS = new LiveLimits(64 * 1024, 50, 100, 1024 * 1024);

    public int hardMessageBytes() {
        return maxMessageBytes * 4;
    }
}
