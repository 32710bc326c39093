package plenary.server;

import plenary.http.ClientAddress;
import plenary.http.ConnectionLimits;
import plenary.http.LiveLimits;
import plenary.live.SequencerSettings;

import java.nio.file.Path;
import java.util.ArrayList;
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
                     List<String> trustedProxies, Path webDir, ConnectionLimits connections, List<String> arguments) {

    public static final long DEFAULT_MAX_BODY = 2L * 1024 * 1024;

    public static Config from(List<String> args, Map<String, String> env) {
        int port = Integer.parseInt(env.getOrDefault("PLENARY_PORT", "8080"));
        String host = env.getOrDefault("PLENARY_HOST", "0.0.0.0");
        Path dataDir = Path.of(env.getOrDefault("PLENARY_DATA_DIR", "data"));
        String dbUrl = blankToNull(env.get("PLENARY_DB_URL"));
        String dbUser = blankToNull(env.get("PLENARY_DB_USER"));
        long maxBody = Long.parseLong(env.getOrDefault("PLENARY_MAX_BODY_BYTES", Long.toString(DEFAULT_MAX_BODY)));
        boolean samples = !"false".equalsIgnoreCase(env.getOrDefault("PLENARY_LOAD_SAMPLES", "true"));
        boolean demo = "true".equalsIgnoreCase(env.getOrDefault("PLENARY_DEMO", "false"));
        boolean secureCookies = "true".equalsIgnoreCase(env.getOrDefault("PLENARY_SECURE_COOKIES", "false"));
        List<String> publicOrigins = new ArrayList<>(list(env.get("PLENARY_PUBLIC_ORIGIN")));
        List<String> trustedProxies = new ArrayList<>(list(env.get("PLENARY_TRUSTED_PROXIES")));
        String webDir = blankToNull(env.get("PLENARY_WEB_DIR"));
        LiveLimits defaults = LiveLimits.DEFAULTS;
        int wsMessage = Integer.parseInt(env.getOrDefault("PLENARY_WS_MAX_MESSAGE_BYTES", "" + defaults.maxMessageBytes()));
        double wsRate = Double.parseDouble(env.getOrDefault("PLENARY_WS_RATE", "" + defaults.messagesPerSecond()));
        double wsBurst = Double.parseDouble(env.getOrDefault("PLENARY_WS_BURST", "" + defaults.burst()));
        SequencerSettings seqDefaults = SequencerSettings.DEFAULTS;
        long tick = Long.parseLong(env.getOrDefault("PLENARY_TICK_MS", "" + seqDefaults.tickMillis()));
        int snapshotEvery = Integer.parseInt(env.getOrDefault("PLENARY_SNAPSHOT_EVERY", "" + seqDefaults.snapshotEvery()));
        long commentEdit = Long.parseLong(env.getOrDefault("PLENARY_COMMENT_EDIT_SECONDS",
                "" + seqDefaults.commentEditWindow().toSeconds()));
        ConnectionLimits conn = ConnectionLimits.DEFAULTS;
        int maxConnections = Integer.parseInt(env.getOrDefault("PLENARY_MAX_CONNECTIONS", "" + conn.total()));
        int perAddress = Integer.parseInt(env.getOrDefault("PLENARY_MAX_CONNECTIONS_PER_ADDRESS", "" + conn.perAddress()));
        int socketsPerAddress = Integer.parseInt(env.getOrDefault("PLENARY_MAX_SOCKETS_PER_ADDRESS",
                "" + conn.socketsPerAddress()));
        int headerSeconds = Integer.parseInt(env.getOrDefault("PLENARY_HEADER_TIMEOUT_SECONDS", "" + conn.headerSeconds()));
        int idleSeconds = Integer.parseInt(env.getOrDefault("PLENARY_IDLE_TIMEOUT_SECONDS", "" + conn.idleSeconds()));
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--db-url" -> dbUrl = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--max-body-bytes" -> maxBody = Long.parseLong(value(args, ++i, arg));
                case "--no-samples" -> samples = false;
                case "--demo" -> demo = true;
                case "--secure-cookies" -> secureCookies = true;
                case "--public-origin" -> publicOrigins.addAll(list(value(args, ++i, arg)));
                case "--trusted-proxy" -> trustedProxies.addAll(list(value(args, ++i, arg)));
                case "--web-dir" -> webDir = value(args, ++i, arg);
                case "--ws-max-message-bytes" -> wsMessage = Integer.parseInt(value(args, ++i, arg));
                case "--ws-rate" -> wsRate = Double.parseDouble(value(args, ++i, arg));
                case "--ws-burst" -> wsBurst = Double.parseDouble(value(args, ++i, arg));
                case "--tick-ms" -> tick = Long.parseLong(value(args, ++i, arg));
                case "--snapshot-every" -> snapshotEvery = Integer.parseInt(value(args, ++i, arg));
                case "--comment-edit-seconds" -> commentEdit = Long.parseLong(value(args, ++i, arg));
                case "--max-connections" -> maxConnections = Integer.parseInt(value(args, ++i, arg));
                case "--max-connections-per-address" -> perAddress = Integer.parseInt(value(args, ++i, arg));
                case "--max-sockets-per-address" -> socketsPerAddress = Integer.parseInt(value(args, ++i, arg));
                case "--header-timeout-seconds" -> headerSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--idle-timeout-seconds" -> idleSeconds = Integer.parseInt(value(args, ++i, arg));
                default -> rest.add(arg);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (maxBody < 1024) {
            throw new IllegalArgumentException("max body must be at least 1024 bytes");
        }
        if (wsMessage < 1024 || wsRate <= 0 || wsBurst < 1 || tick < 1 || snapshotEvery < 1 || commentEdit < 0) {
            throw new IllegalArgumentException("live limits must be positive (message size at least 1024 bytes)");
        }
        ClientAddress.trusting(trustedProxies); // refuses an entry that is no address or range
        ConnectionLimits connections = new ConnectionLimits(maxConnections, perAddress, socketsPerAddress,
                headerSeconds, idleSeconds);
        return new Config(port, host, dataDir, dbUrl, dbUser, blankToNull(env.get("PLENARY_DB_PASSWORD")),
                maxBody, samples, new LiveLimits(wsMessage, wsRate, wsBurst, defaults.outboundQueueBytes()),
                new SequencerSettings(tick, snapshotEvery, seqDefaults.catchUpLimit(),
                        java.time.Duration.ofSeconds(commentEdit)),
                blankToNull(env.get("PLENARY_ADMIN_PASSWORD")), demo, secureCookies, List.copyOf(publicOrigins),
                List.copyOf(trustedProxies), webDir == null ? null : Path.of(webDir), connections, List.copyOf(rest));
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
    }

    /** A comma-separated list, blanks dropped; none for null. */
    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // Never print the password, nor a URL that may carry one.
        return "Config[port=" + port + ", host=" + host + ", dataDir=" + dataDir
                + ", store=" + (dbUrl == null ? "embedded H2" : "external JDBC") + ", maxBodyBytes=" + maxBodyBytes
                + ", loadSamples=" + loadSamples + ", demo=" + demo + ", secureCookies=" + secureCookies
                + ", publicOrigins=" + publicOrigins + ", trustedProxies=" + trustedProxies + ", webDir=" + webDir
                + ", connections=" + connections + ", live=" + live + ", sequencer=" + sequencer + "]";
    }
}
