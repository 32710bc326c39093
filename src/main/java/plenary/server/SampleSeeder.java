package plenary.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.MarkdownImporter;
import plenary.people.Meeting;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Loads the drafts in samples/ into an empty store, so a new user sees a document at once. */
final class SampleSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSeeder.class);
    static final List<String> SAMPLES = List.of("hrgl-2022-outcome-draft.md", "multilingual-draft.md");

    private SampleSeeder() {
    }

    static final String MEETING_NAME = "Human Rights Go Local 2022 (sample)";

    /** Loads the samples into a new sample meeting when the store has no documents. */
    static void seedIfEmpty(DocumentRepository documents, PeopleRepository people, Supplier<String> ids,
                                        Clock clock) {
        if (documents.count() > 0) {
            return;
        }
        Meeting meeting = new Meeting(ids.get(), MEETING_NAME, clock.instant());
        people.createMeeting(meeting);
        MarkdownImporter importer = new MarkdownImporter(ids);
        for (String name : SAMPLES) {
            documents.create(importer.read(ids.get(), read("samples/" + name)), meeting.id());
            LOG.info("loaded sample {}", name);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SampleSeeder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sample " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
