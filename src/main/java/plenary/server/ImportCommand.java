package plenary.server;

import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.store.Database;
import plenary.store.DocumentRepository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** {@code import FILE.md...}: stores drafts straight into the data dir, with no server running. */
public final class ImportCommand {
    private ImportCommand() {
    }

    /** Returns the process exit code: 0 when every file was stored. */
    public static int run(Config config) throws IOException {
        if (config.arguments().isEmpty()) {
            System.err.println("import needs at least one Markdown file");
            return 2;
        }
        Files.createDirectories(config.dataDir());
        try (Database database = Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword())) {
            DocumentRepository documents = new DocumentRepository(database.dataSource(), Clock.systemUTC());
            RandomIds ids = RandomIds.secure();
            MarkdownImporter importer = new MarkdownImporter(ids);
            for (String file : config.arguments()) {
                String markdown = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                Document document = importer.read(ids.get(), markdown);
                documents.create(document);
                System.out.println(document.id() + "\t" + document.clauses().size() + " clauses\t" + file);
            }
        }
        return 0;
    }
}
