package plenary.server;

import plenary.cluster.ClusterSettings;
import plenary.http.ClientAddress;
import plenary.http.ConnectionLimits;
import plenary.http.LiveLimits;
import plenary.http.WorkLimits;
import plenary.live.SequencerSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Server settings from flags, then environment variables, then defaults (a flag wins over the
 * environment). Passwords (database, first admin) are only read from the environment so they never
 * sit in a process listing, and {@link #toString()} leaves them out.
 */
public record Config(int port, String host, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                     long maxBodyBytes, boolean loadSamples, LiveLimits live, SequencerSettings sequencer,
                     String adminPassword, boolean demo, boolean secureCookies, List<String> publicOrigins,
                     List<String> trustedProxies, Path webDir, ConnectionLimits connections, WorkLimits work,
                     String metricsToken, String logFormat, List<String> logLevels, ClusterSettings cluster,
                     List<String> arguments) {

    public static final long DEFAULT_MAX_BODY = 2L * 1024 * 1024;

    /**
     * Reads the settings from {@code args} (a command's arguments, after the command's name) and
     * {@code env}. An unknown flag, a flag without its value, or a value of the wrong form (from a flag
     * or from the environment) is an IllegalArgumentException whose message says which and why.
     * Positional arguments and {@code --meeting} are kept in {@link #arguments()} for {@code import}.
     */
    public static Config from(List<String> args, Map<String, String> env) {
        Values values = Values.parse(args, env);
        LiveLimits defaults = LiveLimits.DEFAULTS;
        SequencerSettings seqDefaults = SequencerSettings.DEFAULTS;
        ConnectionLimits conn = ConnectionLimits.DEFAULTS;
        int port = values.integer("--port", 8080);
        long maxBody = values.longInteger("--max-body-bytes", DEFAULT_MAX_BODY);
        int wsMessage = values.integer("--ws-max-message-bytes", defaults.maxMessageBytes());
        double wsRate = values.decimal("--ws-rate", defaults.messagesPerSecond());
        double wsBurst = values.decimal("--ws-burst", defaults.burst());
        long tick = values.longInteger("--tick-ms", seqDefaults.tickMillis());
        int snapshotEvery = values.integer("--snapshot-every", seqDefaults.snapshotEvery());
        long commentEdit = values.longInteger("--comment-edit-seconds", seqDefaults.commentEditWindow().toSeconds());
        long sequencerIdle = values.longInteger("--sequencer-idle-seconds", seqDefaults.idleTimeout().toSeconds());
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        if (maxBody < 1024) {
            throw new IllegalArgumentException("--max-body-bytes must be at least 1024");
        }
        if (wsMessage < 1024 || wsRate <= 0 || wsBurst < 1 || tick < 1 || snapshotEvery < 1 || commentEdit < 0
                || sequencerIdle < 0) {
            throw new IllegalArgumentException("live limits must be positive (message size at least 1024 bytes)");
        }
        List<String> trustedProxies = values.list("--trusted-proxy");
        ClientAddress.trusting(trustedProxies); // refuses an entry that is no address or range
        ConnectionLimits connections = new ConnectionLimits(values.integer("--max-connections", conn.total()),
                values.integer("--max-connections-per-address", conn.perAddress()),
                values.integer("--max-sockets-per-address", conn.socketsPerAddress()),
                values.integer("--header-timeout-seconds", conn.headerSeconds()),
                values.integer("--idle-timeout-seconds", conn.idleSeconds()));
        WorkLimits work = new WorkLimits(values.integer("--exports-waiting", WorkLimits.DEFAULTS.exportsWaiting()),
                values.integer("--imports-waiting-mib", WorkLimits.DEFAULTS.importsWaitingMib()));
        String webDir = values.text("--web-dir", null);
        String logFormat = values.text("--log-format", "text");
        List<String> logLevels = values.list("--log-level");
        LogSetup.check(logFormat, logLevels);
        String dbUrl = values.text("--db-url", null);
        ClusterSettings cluster = cluster(values, dbUrl);
        return new Config(port, values.text("--host", "0.0.0.0"), Path.of(values.text("--data-dir", "data")),
                dbUrl, values.text("--db-user", null),
                blankToNull(env.get("PLENARY_DB_PASSWORD")),
                maxBody, !values.on("--no-samples"), new LiveLimits(wsMessage, wsRate, wsBurst, defaults.outboundQueueBytes()),
                new SequencerSettings(tick, snapshotEvery, seqDefaults.catchUpLimit(),
                        java.time.Duration.ofSeconds(commentEdit), java.time.Duration.ofSeconds(sequencerIdle)),
                blankToNull(env.get("PLENARY_ADMIN_PASSWORD")), values.on("--demo"), values.on("--secure-cookies"),
                values.list("--public-origin"), trustedProxies, webDir == null ? null : Path.of(webDir), connections, work,
                blankToNull(env.get("PLENARY_METRICS_TOKEN")), logFormat, logLevels, cluster, values.arguments());
    }

    private static ClusterSettings cluster(Values values, String dbUrl) {
        ClusterSettings alone = ClusterSettings.ALONE;
        int port = values.integer("--cluster-port", alone.port());
        int lease = values.integer("--lease-seconds", (int) alone.lease().toSeconds());
        List<String> members = values.list("--cluster-members");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--cluster-port must be between 1 and 65535");
        }
        if (lease < 1) {
            throw new IllegalArgumentException("--lease-seconds must be at least 1");
        }
        for (String member : members) {
            int colon = member.lastIndexOf(':');
            if (colon < 1 || !member.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("--cluster-members: '" + member + "' is not HOST:PORT");
            }
        }
        boolean enabled = values.on("--cluster");
        // Nodes share documents only through one database: on H2 each would have its own.
        if (enabled && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("--cluster needs --db-url to the PostgreSQL database all nodes share");
        }
        return new ClusterSettings(enabled, values.text("--cluster-host", alone.host()), port, members,
                java.time.Duration.ofSeconds(lease));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // Never print a password or the metrics token, nor a URL that may carry one.
        return "Config[port=" + port + ", host=" + host + ", dataDir=" + dataDir
                + ", store=" + (dbUrl == null ? "embedded H2" : "external JDBC") + ", maxBodyBytes=" + maxBodyBytes
                + ", loadSamples=" + loadSamples + ", demo=" + demo + ", secureCookies=" + secureCookies
                + ", publicOrigins=" + publicOrigins + ", trustedProxies=" + trustedProxies + ", webDir=" + webDir
                + ", connections=" + connections + ", work=" + work + ", live=" + live + ", sequencer=" + sequencer
                + ", logFormat=" + logFormat + ", logLevels=" + logLevels
                + (cluster.enabled() ? ", cluster=" + cluster : "") + "]";
    }
}
