package plenary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.server.Config;
import plenary.server.ExportCommand;
import plenary.server.ImportCommand;
import plenary.server.PlenaryServer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code serve} (the default) runs the server; {@code import FILE.md...} stores
 * drafts without a server; {@code export FILE.md --pdf OUT.pdf} renders one without a server.
 * Flags and environment variables are listed by {@code --help}.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private static final String USAGE = """
            Usage: java -jar plenary.jar [serve] [options]
                   java -jar plenary.jar import FILE.md [FILE.md ...] [--meeting ID] [options]
                   java -jar plenary.jar export FILE.md --pdf OUT.pdf [--html OUT.html]

            Options (environment variable in brackets):
              --port N            HTTP port, 0 for any free port   [PLENARY_PORT, default 8080]
              --host ADDR         address to listen on             [PLENARY_HOST, default 0.0.0.0]
              --data-dir DIR      where the embedded H2 store and the search index live [PLENARY_DATA_DIR, default ./data]
              --db-url URL        JDBC URL of an external store, e.g. PostgreSQL [PLENARY_DB_URL]
              --db-user NAME      user for --db-url                [PLENARY_DB_USER]
                                  the password is read from PLENARY_DB_PASSWORD only
              --max-body-bytes N  largest request body accepted    [PLENARY_MAX_BODY_BYTES, default 2097152]
              --no-samples        do not load the sample drafts into an empty store [PLENARY_LOAD_SAMPLES=false]
              --demo              demo accounts for every role in the sample meeting [PLENARY_DEMO=true]
              --secure-cookies    mark the session cookie Secure (behind HTTPS) [PLENARY_SECURE_COOKIES=true]
              --public-origin URL the origin(s) browsers reach Plenary at, e.g. https://plenary.example (comma-separated, repeatable) [PLENARY_PUBLIC_ORIGIN]
              --trusted-proxy ADDR  reverse proxies whose X-Forwarded-For is believed (comma-separated, repeatable) [PLENARY_TRUSTED_PROXIES]
              --web-dir DIR       serve the page from DIR instead of the jar's copy (development) [PLENARY_WEB_DIR]
                                  the first admin's password is read from PLENARY_ADMIN_PASSWORD only
              --ws-max-message-bytes N  largest live message read  [PLENARY_WS_MAX_MESSAGE_BYTES, default 65536]
              --ws-rate N         live messages per second per connection [PLENARY_WS_RATE, default 50]
              --ws-burst N        burst allowance of that rate     [PLENARY_WS_BURST, default 100]
              --tick-ms N         broadcast coalescing tick        [PLENARY_TICK_MS, default 20]
              --snapshot-every N  revisions between snapshots      [PLENARY_SNAPSHOT_EVERY, default 100]
              --comment-edit-seconds N  how long a comment stays editable [PLENARY_COMMENT_EDIT_SECONDS, default 900]
              --max-connections N connections open at once, in all [PLENARY_MAX_CONNECTIONS, default 0: 3/4 of the file descriptor limit]
              --max-connections-per-address N  from one client address, 0 for no limit; trusted proxies are exempt
                                  [PLENARY_MAX_CONNECTIONS_PER_ADDRESS, default 2000]
              --max-sockets-per-address N  live sockets from one client address, 0 for no limit
                                  [PLENARY_MAX_SOCKETS_PER_ADDRESS, default 1000]
              --header-timeout-seconds N  time for a new connection's request head, and for a socket upgrade
                                  [PLENARY_HEADER_TIMEOUT_SECONDS, default 20]
              --idle-timeout-seconds N  a connection or socket silent both ways this long is closed
                                  [PLENARY_IDLE_TIMEOUT_SECONDS, default 120]
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "serve";
        if (command.equals("export")) {
            // Needs no store and no server, so none of their options.
            System.exit(ExportCommand.run(argList.subList(1, args.length), System.out, System.err));
            return;
        }
        List<String> rest = command.equals("serve") && (args.length == 0 || args[0].startsWith("--"))
                ? argList : argList.subList(1, args.length);
        Config config;
        try {
            config = Config.from(rest, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        switch (command) {
            case "serve" -> serve(config);
            case "import" -> System.exit(ImportCommand.run(config));
            default -> {
                System.err.println("unknown command: " + command);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static void serve(Config config) throws Exception {
        LOG.info("starting with {}", config);
        PlenaryServer server = PlenaryServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: finish the requests in flight, then close the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("unclean shutdown", e);
            }
            stopped.countDown();
        }, "plenary-shutdown"));
        stopped.await();
    }
}
