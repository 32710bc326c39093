package plenary.server;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of the server, in one list: the command line is parsed from it, {@code --help} is
 * printed from it, and the README's configuration table is checked against it (ConfigTest), so the
 * three cannot drift apart.
 */
public final class Settings {
    private Settings() {
    }

    public static final List<Setting> ALL = List.of(
            new Setting("--port", "N", "PLENARY_PORT", null, "`8080`", "HTTP port (`0` picks a free one)"),
            new Setting("--host", "ADDR", "PLENARY_HOST", null, "`0.0.0.0`", "address to listen on"),
            new Setting("--data-dir", "DIR", "PLENARY_DATA_DIR", null, "`./data`",
                    "where the embedded H2 database lives, and the search index (`DIR/search`, also with `--db-url`)"),
            new Setting("--db-url", "URL", "PLENARY_DB_URL", null, "*(none)*",
                    "JDBC URL of an external store, e.g. `jdbc:postgresql://db/plenary`"),
            new Setting("--db-user", "NAME", "PLENARY_DB_USER", null, "*(none)*", "database user for `--db-url`"),
            new Setting(null, null, "PLENARY_DB_PASSWORD", null, "*(none)*",
                    "database password (environment only, so it never shows in a process list)"),
            new Setting("--max-body-bytes", "N", "PLENARY_MAX_BODY_BYTES", null, "`2097152` (2 MiB)",
                    "largest request body accepted"),
            new Setting("--no-samples", null, "PLENARY_LOAD_SAMPLES", "false", "samples loaded",
                    "do not load the sample drafts into an empty store"),
            new Setting("--demo", null, "PLENARY_DEMO", "true", "off",
                    "demo accounts for every role in the sample meeting (known password: never in production)"),
            new Setting(null, null, "PLENARY_ADMIN_PASSWORD", null, "generated",
                    "password of the first `admin` account, read on first start only (environment only)"),
            new Setting("--secure-cookies", null, "PLENARY_SECURE_COOKIES", "true", "off",
                    "mark the session cookie `Secure` (behind HTTPS)"),
            new Setting("--public-origin", "URL", "PLENARY_PUBLIC_ORIGIN", null, "*(none)*",
                    "the origin(s) browsers reach Plenary at, e.g. `https://plenary.example` (comma-separated; the flag may repeat)"),
            new Setting("--trusted-proxy", "ADDR", "PLENARY_TRUSTED_PROXIES", null, "*(none)*",
                    "reverse proxies whose `X-Forwarded-For` is believed: addresses or CIDR ranges (comma-separated; the"
                            + " flag may repeat). The client is the right-most address in the header that is not a trusted"
                            + " proxy; without this flag the header is ignored"),
            new Setting("--web-dir", "DIR", "PLENARY_WEB_DIR", null, "the jar's copy",
                    "serve the page from `DIR` instead (development)"),
            new Setting("--ws-max-message-bytes", "N", "PLENARY_WS_MAX_MESSAGE_BYTES", null, "`65536`",
                    "largest live message read, in UTF-8 bytes over all its frames; larger ones get"
                            + " `message-too-large`, more than 4× larger (or one frame that long) close the socket with 1009"),
            new Setting("--ws-rate", "N", "PLENARY_WS_RATE", null, "`50`", "live messages per second per connection (token bucket)"),
            new Setting("--ws-burst", "N", "PLENARY_WS_BURST", null, "`100`", "burst allowance of that bucket"),
            new Setting("--tick-ms", "N", "PLENARY_TICK_MS", null, "`20`",
                    "broadcasts of a document are coalesced into one frame per tick"),
            new Setting("--snapshot-every", "N", "PLENARY_SNAPSHOT_EVERY", null, "`100`", "revisions between document snapshots"),
            new Setting("--sequencer-idle-seconds", "N", "PLENARY_SEQUENCER_IDLE_SECONDS", null, "`600` (10 min)",
                    "a document's writer with nobody in the document and nothing in flight this long is stopped, and"
                            + " loaded again on its next request (`0`: never)"),
            new Setting("--max-connections", "N", "PLENARY_MAX_CONNECTIONS", null, "`0`: ¾ of the file-descriptor limit",
                    "connections open at once, in all; past it a new connection is closed before anything is read"),
            new Setting("--max-connections-per-address", "N", "PLENARY_MAX_CONNECTIONS_PER_ADDRESS", null, "`2000`",
                    "connections from one address (IPv6: one /64), closed the same way past it (`0`: no limit). Counted"
                            + " before any request is read, so a trusted proxy is exempt and limits its own clients"),
            new Setting("--max-sockets-per-address", "N", "PLENARY_MAX_SOCKETS_PER_ADDRESS", null, "`1000`",
                    "live sockets from one client address, through trusted proxies too (`0`: no limit); past it the"
                            + " upgrade gets `503`"),
            new Setting("--header-timeout-seconds", "N", "PLENARY_HEADER_TIMEOUT_SECONDS", null, "`20`",
                    "time for a new connection's request head, and for a socket's upgrade"),
            new Setting("--idle-timeout-seconds", "N", "PLENARY_IDLE_TIMEOUT_SECONDS", null, "`120`",
                    "a connection or socket silent both ways this long is closed (the page pings every 20 s)"),
            new Setting("--exports-waiting", "N", "PLENARY_EXPORTS_WAITING", null, "`16`",
                    "exports that may wait while half the cores render others; past it `503` with `Retry-After`"),
            new Setting("--imports-waiting-mib", "N", "PLENARY_IMPORTS_WAITING_MIB", null, "`10`",
                    "MiB of Markdown drafts, per import thread (half the cores), being read or waiting; past it `503`"
                            + " with `Retry-After`"),
            new Setting(null, null, "PLENARY_METRICS_TOKEN", null, "*(none)*: no `/metrics`",
                    "the bearer token a Prometheus scraper sends to read `/metrics` (environment only)"),
            new Setting("--log-format", "FORMAT", "PLENARY_LOG_FORMAT", null, "`text`",
                    "`text` lines, or `json`: one JSON object per line (Logback's JsonEncoder), for a log shipper"),
            new Setting("--log-level", "LEVEL", "PLENARY_LOG_LEVEL", null, "`info`",
                    "`error`, `warn`, `info`, `debug` or `trace` for every logger, or `LOGGER=LEVEL` for one, e.g."
                            + " `plenary.access=warn` (comma-separated; the flag may repeat)"),
            new Setting("--comment-edit-seconds", "N", "PLENARY_COMMENT_EDIT_SECONDS", null, "`900` (15 min)",
                    "how long authors may edit a comment after posting it (`0`: no editing)"),
            new Setting("--cluster", null, "PLENARY_CLUSTER", "true", "off: a server alone",
                    "run as one node of a Plenary cluster (Vert.x clustering with Hazelcast); needs `--db-url` to"
                            + " the PostgreSQL database every node shares (see Running a cluster)"),
            new Setting("--cluster-host", "ADDR", "PLENARY_CLUSTER_HOST", null, "`127.0.0.1`",
                    "the address the other nodes reach this one at (cluster manager and event bus)"),
            new Setting("--cluster-port", "N", "PLENARY_CLUSTER_PORT", null, "`5701`",
                    "this node's cluster-manager port; the event bus takes a free port beside it"),
            new Setting("--cluster-members", "HOST:PORT", "PLENARY_CLUSTER_MEMBERS", null, "*(none)*",
                    "other nodes to join, by their `--cluster-host` and `--cluster-port` (comma-separated; the flag"
                            + " may repeat); the first node of a cluster may name none"),
            new Setting("--lease-seconds", "N", "PLENARY_LEASE_SECONDS", null, "`10`",
                    "how long a node writes a document without renewing its lease (it renews every third of it);"
                            + " when the node dies, another takes the document over once the lease has ended"));

    /** The import command's own option, besides the server's. */
    public static final Setting MEETING = new Setting("--meeting", "ID", null, null,
            "a new meeting \"Imported drafts\"", "the meeting the drafts go into (`import` only)");

    public static Optional<Setting> byFlag(String flag) {
        return ALL.stream().filter(s -> flag.equals(s.flag())).findFirst();
    }

    /** The README's configuration table. */
    public static String markdownTable() {
        return "| Flag | Environment | Default | Meaning |\n|---|---|---|---|\n"
                + ALL.stream().map(Setting::markdownRow).collect(Collectors.joining("\n")) + "\n";
    }

    /** {@code --help}: the commands, then one entry per setting. */
    public static String usage() {
        StringBuilder out = new StringBuilder("""
                Usage: java -jar plenary.jar [serve] [options]
                       java -jar plenary.jar import FILE.md [FILE.md ...] [--meeting ID] [options]
                       java -jar plenary.jar export FILE.md --pdf OUT.pdf [--html OUT.html]

                Options (a flag wins over its environment variable):
                """);
        for (Setting setting : ALL) {
            String name = setting.flag() == null ? "(environment only)"
                    : setting.flag() + (setting.label() == null ? "" : " " + setting.label());
            String env = setting.env() + (setting.envValue() == null ? "" : "=" + setting.envValue());
            out.append("  ").append(name).append('\n')
                    .append("      ").append(Setting.plain(setting.meaning())).append('\n')
                    .append("      [").append(env).append("; default: ").append(Setting.plain(setting.defaultText()))
                    .append("]\n");
        }
        out.append("  ").append(MEETING.flag()).append(' ').append(MEETING.label()).append('\n')
                .append("      ").append(Setting.plain(MEETING.meaning())).append("; default: ")
                .append(MEETING.defaultText()).append('\n');
        return out.toString();
    }
}
