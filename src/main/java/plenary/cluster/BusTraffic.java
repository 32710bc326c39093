package plenary.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import plenary.live.LiveAddresses;

import java.util.concurrent.atomic.LongAdder;

/**
 * The documents' broadcast frames that reached this node from another node, counted by Vert.x's
 * event-bus metrics hook. A writer publishes each frame once ({@code plenary.live.frames.published}
 * on its node) and it must reach each other node once, however many sockets there follow the
 * document (the node fans it out to them): this counter lets an operator, and a test, see that.
 */
final class BusTraffic implements EventBusMetrics<Void> {
    private final LongAdder received = new LongAdder();

    BusTraffic(MeterRegistry registry) {
        FunctionCounter.builder("plenary.cluster.frames.received", received, LongAdder::doubleValue)
                .description("documents' broadcast frames that reached this node from another node").register(registry);
    }

    /** Installs this as the Vert.x instance's metrics (only the event bus's are kept). */
    VertxMetricsFactory factory() {
        EventBusMetrics<Void> bus = this;
        return options -> new VertxMetrics() {
            @Override
            public EventBusMetrics<?> createEventBusMetrics() {
                return bus;
            }
        };
    }

    /**
     * Called once for each message this node's event bus delivers, before it is handed to its
     * consumers; {@code local} is false for one that came over the wire.
     */
    @Override
    public void messageReceived(String address, boolean publish, boolean local, int handlers) {
        if (publish && !local && LiveAddresses.isBroadcast(address)) {
            received.increment();
        }
    }
}
