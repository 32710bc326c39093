package plenary.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.MarkdownImporter;
import plenary.store.DocumentRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** Loads the drafts in samples/ into an empty store, so a new user sees a document at once. */
final class SampleSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSeeder.class);
    static final List<String> SAMPLES = List.of("hrgl-2022-outcome-draft.md", "multilingual-draft.md");

    private SampleSeeder() {
    }

    static void seedIfEmpty(DocumentRepository documents, Supplier<String> ids) {
        if (documents.count() > 0) {
            return;
        }
        MarkdownImporter importer = new MarkdownImporter(ids);
        for (String name : SAMPLES) {
            documents.create(importer.read(ids.get(), read("samples/" + name)));
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
