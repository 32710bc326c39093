package plenary.server;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.document.RandomIds;
import plenary.store.Database;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;
import plenary.store.TestPostgres;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18: two servers started together on an empty PostgreSQL database loaded the samples twice.
 * Nodes of a cluster seed under {@link SeedingLock}: here four "nodes" (threads, each with its own
 * connection pool, as separate processes would have) reach the seeding at the same instant, and the
 * database ends with one copy of the samples. (The three-node {@code ClusterLiveTest} checks the
 * same of real processes, which in practice reach it seconds apart.)
 */
@Tag("integration")
class SeedingTogetherTest {
    private static final int NODES = 4;

    @TempDir
    Path dir;

    @Test
    void nodesSeedingAnEmptyDatabaseAtOnceLoadTheSamplesOnce() throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        List<Database> databases = new ArrayList<>();
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        try {
            for (int i = 0; i < NODES; i++) {
                databases.add(Database.open(dir.resolve("node" + i), db.url(), db.user(), null));
            }
            CyclicBarrier together = new CyclicBarrier(NODES);
            List<Future<?>> seeded = new ArrayList<>();
            for (Database database : databases) {
                seeded.add(nodes.submit(() -> {
                    Clock clock = Clock.systemUTC();
                    DocumentRepository documents = new DocumentRepository(database.dataSource(),
                            database.durability(), clock);
                    PeopleRepository people = new PeopleRepository(database.dataSource(), clock);
                    together.await();
                    try (SeedingLock lock = SeedingLock.take(database.dataSource(), true)) {
                        SampleSeeder.seedIfEmpty(documents, people, RandomIds.secure(), clock);
                    }
                    return null;
                }));
            }
            for (Future<?> node : seeded) {
                node.get();
            }
            DocumentRepository documents = new DocumentRepository(databases.getFirst().dataSource(),
                    databases.getFirst().durability(), Clock.systemUTC());
            assertEquals(SampleSeeder.SAMPLES.size() + 1, documents.count(), "the samples, loaded once");
        } finally {
            nodes.shutdownNow();
            databases.forEach(Database::close);
        }
    }
}
