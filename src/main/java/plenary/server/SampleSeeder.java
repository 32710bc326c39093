package plenary.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.Fingerprint;
import plenary.document.MarkdownImporter;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;
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
    /** Last year's outcome, already adopted: the agreed language that precedents draw on. */
    static final String ADOPTED = "hrgl-2021-outcome-adopted.md";

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
        seedAdopted(documents, importer.read(ids.get(), read("samples/" + ADOPTED)), meeting.id(), clock);
        LOG.info("loaded sample {} as adopted", ADOPTED);
    }

    /**
     * Stores a text as adopted, the way adoption leaves one: status adopted, and an adoption entry
     * in its negotiation log carrying the revision and the SHA-256 of its Markdown, so its PDF is
     * stamped like any other adopted text.
     */
    private static void seedAdopted(DocumentRepository documents, Document draft, String meetingId, Clock clock) {
        Document adopted = draft.withStatus(DocumentStatus.ADOPTED);
        documents.create(adopted, meetingId);
        Event event = new Event.DocumentAdopted(adopted.revision(), Fingerprint.sha256(adopted),
                clock.instant().toString());
        Negotiation negotiation = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
        Transition transition = negotiation.apply(event);
        documents.log().append(adopted.id(), List.of(), List.of(new Recorded(negotiation.seq(), clock.instant().toString(),
                null, "Sample data", null, adopted.revision(), event, transition)), adopted, negotiation.seq(), null, null);
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
