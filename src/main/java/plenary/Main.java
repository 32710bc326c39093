package plenary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.server.Config;
import plenary.server.ExportCommand;
import plenary.server.ImportCommand;
import plenary.server.LogSetup;
import plenary.server.PlenaryServer;
import plenary.server.Settings;
import plenary.server.StartRefused;

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

    private static final String USAGE = Settings.usage();

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
        LogSetup.apply(config);
        if (command.equals("serve") && !config.arguments().isEmpty()) {
            System.err.println("serve takes options only, not " + config.arguments());
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
        PlenaryServer server;
        try {
            server = PlenaryServer.start(config);
        } catch (StartRefused e) {
            System.err.println("plenary: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
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
