package plenary.http;

import plenary.document.Document;

import java.text.Normalizer;
import java.util.Locale;

/** A file name people recognise: the document symbol, else the title, made safe for any file system. */
final class ExportFileName {
    private ExportFileName() {
    }

    /** With a suffix after the name, such as "-compilation", or "". */
    static String of(Document document, String suffix, String extension) {
        String base = document.meta().symbol().filter(s -> !s.isBlank()).orElse(document.title());
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "document-" + document.id() : slug) + suffix + "." + extension;
    }
}
