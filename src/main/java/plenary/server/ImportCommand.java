package plenary.server;

import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.ParseBudget;
import plenary.document.RandomIds;
import plenary.store.Database;
import plenary.people.Meeting;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** {@code import FILE.md...}: stores drafts straight into the data dir, with no server running. */
public final class ImportCommand {
    private ImportCommand() {
    }

    private static java.util.List<String> files(java.util.List<String> arguments) {
        java.util.List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("--meeting")) {
                i++;
            } else {
                files.add(arguments.get(i));
            }
        }
        return files;
    }

    /** Returns the process exit code: 0 when every file was stored. */
    public static int run(Config config) throws IOException {
        if (config.arguments().isEmpty()) {
            System.err.println("import needs at least one Markdown file");
            return 2;
        }
        Files.createDirectories(config.dataDir());
        try (Database database = Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword())) {
            DocumentRepository documents = new DocumentRepository(database.dataSource(), database.durability(), Clock.systemUTC());
            PeopleRepository people = new PeopleRepository(database.dataSource(), Clock.systemUTC());
            RandomIds ids = RandomIds.secure();
            String meetingId = meeting(config, people, ids);
            MarkdownImporter importer = new MarkdownImporter(ids);
            for (String file : files(config.arguments())) {
                String markdown = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                MarkdownImporter.Imported imported = importer.readWithWarnings(ids.get(), markdown,
                        ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE));
                Document document = imported.document();
                documents.create(document, meetingId);
                System.out.println(document.id() + "\t" + document.clauses().size() + " clauses\t" + file);
                imported.warnings().forEach(w -> System.err.println(file + ": warning: " + w.message()));
            }
        }
        return 0;
    }

    /** The meeting named by {@code --meeting ID}, or a meeting "Imported drafts" made for the purpose. */
    private static String meeting(Config config, PeopleRepository people, RandomIds ids) {
        int flag = config.arguments().indexOf("--meeting");
        if (flag >= 0) {
            String id = config.arguments().get(flag + 1);
            people.meeting(id).orElseThrow(() -> new IllegalArgumentException("no meeting " + id));
            return id;
        }
        return people.meetings().stream().filter(m -> m.name().equals(IMPORTED)).findFirst().map(Meeting::id)
                .orElseGet(() -> {
                    Meeting meeting = new Meeting(ids.get(), IMPORTED, java.time.Instant.now());
                    people.createMeeting(meeting);
                    return meeting.id();
                });
    }

    private static final String IMPORTED = "Imported drafts";
}
