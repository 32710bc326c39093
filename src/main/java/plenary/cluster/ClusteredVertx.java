package plenary.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x as one node of a Plenary cluster: Hazelcast as the cluster manager (Vert.x's default one,
 * in one jar, with Vert.x's own map settings from {@link ConfigUtil}), members found over TCP from
 * the list given (no multicast, which few networks carry), and the event bus on a free port of the
 * same address.
 */
public final class ClusteredVertx {
    private ClusteredVertx() {
    }

    /**
     * Joins the cluster (the first node forms it); blocks until Vert.x is clustered. The frames that
     * cross between nodes are counted into {@code registry} ({@link BusTraffic}).
     */
    public static Vertx start(ClusterSettings settings, MeterRegistry registry) throws Exception {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
        VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions()
                        .setHost(settings.host()).setPort(0).setClusterPublicHost(settings.host()))
                .setMetricsOptions(new MetricsOptions().setEnabled(true));
        return Vertx.builder().with(options).withClusterManager(manager)
                .withMetrics(new BusTraffic(registry).factory()).buildClustered()
                .await(2, TimeUnit.MINUTES);
    }

    static Config hazelcast(ClusterSettings settings) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName("plenary");
        // Plenary closes Vert.x, which leaves the cluster; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // A node that stops answering leaves the member list, and its event-bus addresses with it,
        // within one lease: by the time another node may take its documents, requests no longer
        // go to it.
        long lease = Math.max(2, settings.lease().toSeconds());
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(lease));
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // A node cut off (or paused) past that is left on its own; it merges back within seconds of
        // being reachable again rather than Hazelcast's default five minutes.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.setPublicAddress(settings.host() + ":" + settings.port());
        network.getInterfaces().setEnabled(!settings.host().equals("0.0.0.0")).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>(settings.members());
        members.add(settings.node());
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return config;
    }
}
