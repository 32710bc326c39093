package plenary.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint recorded when a text is adopted: SHA-256 of the document's Markdown export in
 * UTF-8. Anyone holding the exported file can recompute it with {@code sha256sum}.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String sha256(Document document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(new MarkdownExporter().write(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
