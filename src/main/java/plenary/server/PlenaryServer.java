package plenary.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.RandomIds;
import plenary.http.ClientAddress;
import plenary.http.ConnectionGuard;
import plenary.http.HttpServices;
import plenary.people.KnownDevices;
import plenary.people.LoginThrottle;
import plenary.people.PasswordHasher;
import plenary.store.PeopleRepository;
import plenary.cluster.ClusteredVertx;
import plenary.live.Ownership;
import plenary.live.Sequencers;
import plenary.metrics.Meters;
import plenary.metrics.ServerMeters;
import plenary.search.IndexFeed;
import plenary.search.SearchIndex;
import plenary.store.Database;
import plenary.store.ClusterSecrets;
import plenary.store.DocumentLeases;
import plenary.store.SignInFailures;
import plenary.store.DocumentRepository;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running Plenary: the store, then the HTTP server over it. Stopping reverses the order. */
public final class PlenaryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlenaryServer.class);

    private final Vertx vertx;
    private final Database database;
    /** One per event loop, all on one socket. */
    private final List<HttpServer> http;
    private final SearchIndex search;
    private final ServerMeters meters;

    private PlenaryServer(Vertx vertx, Database database, List<HttpServer> http, SearchIndex search,
                          ServerMeters meters) {
        this.meters = meters;
        this.search = search;
        this.vertx = vertx;
        this.database = database;
        this.http = http;
    }

    public static PlenaryServer start(Config config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts with {@code clock} as the server's time: every timestamp and deadline reads it. Tests
     * pass a clock they can move on (one that implements {@link plenary.live.ClockJumps}, so the
     * deadlines the server waits for follow it).
     */
    public static PlenaryServer start(Config config, Clock clock) throws Exception {
        return start(config, clock, new PasswordHasher());
    }

    /** The same with {@code hasher} for new password hashes (tests hash cheaply; servers never do). */
    public static PlenaryServer start(Config config, Clock clock, PasswordHasher hasher) throws Exception {
        Files.createDirectories(config.dataDir());
        ServerMeters meters = new ServerMeters();
        Database database = Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword(),
                meters.registry());
        Vertx vertx;
        try {
            vertx = config.cluster().enabled() ? ClusteredVertx.start(config.cluster(), meters.registry()) : Vertx.vertx();
        } catch (Exception e) {
            database.close();
            meters.close();
            throw e;
        }
        Meters.install(vertx, meters.registry());
        SearchIndex search = null;
        try {
            DocumentRepository documents = new DocumentRepository(database.dataSource(), database.durability(), clock);
            PeopleRepository people = new PeopleRepository(database.dataSource(), clock);
            RandomIds ids = RandomIds.secure();
            // Nodes of a cluster starting together seed one after another: the first seeds, the others
            // find the store no longer empty.
            try (SeedingLock seeding = SeedingLock.take(database.dataSource(), config.cluster().enabled())) {
                AdminBootstrap.ensureAdmin(people, hasher, ids, config.adminPassword());
                if (config.loadSamples()) {
                    SampleSeeder.seedIfEmpty(documents, people, ids, clock);
                }
                if (config.demo()) {
                    DemoSeeder.seedSampleMeeting(people, hasher, ids);
                }
            }
            Ownership ownership = config.cluster().enabled() ? new Ownership(config.cluster().node(),
                    new DocumentLeases(database.dataSource()), config.cluster().lease(),
                    vertx.createSharedWorkerExecutor(Ownership.WORKERS, 2)) : null;
            Sequencers sequencers = new Sequencers(vertx, documents.log(), config.sequencer(), ids, clock, ownership);
            search = SearchIndex.open(config.dataDir().resolve("search"));
            IndexFeed feed = new IndexFeed(vertx, search, documents, people, sequencers);
            long started = System.nanoTime();
            int refilled = feed.catchUp();
            LOG.info("search index: {} document(s) indexed from the database in {} ms", refilled,
                    (System.nanoTime() - started) / 1_000_000);
            feed.follow();
            HttpServices services = new HttpServices(documents, people, sequencers, ids, clock, hasher,
                    throttle(config, database, clock), config.maxBodyBytes(), config.live(),
                    config.secureCookies(), search, config.publicOrigins(), config.trustedProxies(), config.webDir(),
                    config.metricsToken(), config.work());
            // The live socket joins frames into messages itself (FrameAssembler), so Vert.x's message
            // limit does not apply; its frame limit does, and must not be below the hard limit: at its
            // default (64 KiB) one frame over it ended the socket with 1011 instead of being answered
            // with message-too-large.
            // Cleartext HTTP/2 (h2c) is off: no browser speaks it, and while Vert.x waits for a
            // connection's first bytes to choose between it and HTTP/1.1 the connection is invisible to
            // the connection handler, so half-open connections escaped every limit.
            ConnectionGuard guard = new ConnectionGuard(vertx, config.connections(),
                    ClientAddress.trusting(config.trustedProxies()));
            HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    .setMaxWebSocketFrameSize(config.live().hardMessageBytes())
                    .setHttp2ClearTextEnabled(false)
                    // gzip for the page's files; API answers opt out (SecurityHeaders), since a compressed
                    // answer that holds a secret next to text a stranger chose leaks the secret by its size.
                    .setCompressionSupported(true)
                    // No permessage-deflate on the live socket, though every browser offers it: with 500
                    // sockets and 100 typing (LiveLoad) it took ack p99 from 52 ms to 511 ms (170 ms at
                    // level 1) and each socket's memory from 82 KB to 352 KB, for frames of a few hundred
                    // bytes. The server answers the offer without the extension, and the browser sends
                    // and reads plain frames; a compressed frame is then a protocol error (1002).
                    .setPerMessageWebSocketCompressionSupported(false)
                    .setPerFrameWebSocketCompressionSupported(false)
                    .setIdleTimeout(config.connections().idleSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
            List<HttpServer> http = new CopyOnWriteArrayList<>();
            // Vert.x shares one socket among servers on one address; a negative port is its way of
            // sharing one free port (for --port 0), which port 0 itself never is.
            HttpServerOptions shared = new HttpServerOptions(options).setPort(config.port() == 0 ? -1 : config.port());
            vertx.deployVerticle(() -> new HttpLoop(shared, services, guard, http),
                    new DeploymentOptions().setInstances(httpLoops())).await(30, TimeUnit.SECONDS);
            LOG.info("connections: at most {} in all, {} per address ({} live sockets), {} s for a request head,"
                    + " {} s idle", guard.total(), limitText(config.connections().perAddress()),
                    limitText(config.connections().socketsPerAddress()), config.connections().headerSeconds(),
                    config.connections().idleSeconds());
            if (config.publicOrigins().isEmpty() && !isLoopback(config.host())) {
                // Without it, a page is trusted when its Origin matches the Host it asked for, which a
                // DNS-rebound name does: enough to try passwords or accept invitations from a victim's browser.
                LOG.warn("no --public-origin: pages are checked against the Host they ask for; name the origin"
                        + " people use (e.g. --public-origin https://plenary.example) to refuse every other");
            }
            LOG.info("HTTP on {} event loop(s)", http.size());
            if (config.cluster().enabled()) {
                LOG.info("cluster node {}: documents are written by one node at a time, on leases of {} s",
                        config.cluster().node(), config.cluster().lease().toSeconds());
            }
            LOG.info("Plenary listening on http://localhost:{}/ (data in {})", http.getFirst().actualPort(),
                    config.dbUrl() == null ? config.dataDir().toAbsolutePath() : "external database");
            logHeap();
            return new PlenaryServer(vertx, database, http, search, meters);
        } catch (Exception e) {
            vertx.close();
            meters.close();
            if (search != null) {
                search.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Five wrong passwords in 15 minutes: counted in memory by a server alone, in the shared database
     * by the nodes of a cluster (a guesser gains nothing by spreading guesses over the nodes), whose
     * device tokens are signed with one key.
     */
    private static LoginThrottle throttle(Config config, Database database, Clock clock) {
        if (!config.cluster().enabled()) {
            return new LoginThrottle(5, Duration.ofMinutes(15), clock);
        }
        return new LoginThrottle(5, Duration.ofMinutes(15), clock, new SignInFailures(database.dataSource()),
                new KnownDevices(new ClusterSecrets(database.dataSource()).bytes("device-key", 32)));
    }

    /**
     * As many HTTP loops as cores: Vert.x's event-loop pool is twice that, so the sequencers, placed
     * on the loops in turn, never all share one with the HTTP work.
     */
    private static int httpLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String limitText(int limit) {
        return limit == 0 ? "no limit" : Integer.toString(limit);
    }

    public int port() {
        return http.getFirst().actualPort();
    }

    /**
     * Stops taking requests and gives running ones (and open sockets) a grace period, then stops the
     * sequencers, which finish their write in flight, and closes the store last.
     */
    @Override
    public void close() throws Exception {
        try {
            Future.all(http.stream().map(server -> server.shutdown(5, TimeUnit.SECONDS)).toList())
                    .await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("connections still open after the grace period; closing them");
        } finally {
            try {
                vertx.close().await(20, TimeUnit.SECONDS);
            } finally {
                try {
                    search.close();
                } finally {
                    database.close();
                    meters.close();
                }
            }
        }
    }

    /** The heap's bound, said once at start ({@link HeapBound}). */
    private static void logHeap() {
        HeapBound heap = HeapBound.of(Runtime.getRuntime().maxMemory(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (heap.explicit()) {
            LOG.info(heap.message());
        } else {
            LOG.warn(heap.message());
        }
    }
}
