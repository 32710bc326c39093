package plenary.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.server.ExportCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export FILE.md --pdf OUT.pdf}: no server, no store, just the file. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ExportCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesThePdfAndTheHtmlOfASample() throws Exception {
        Path pdf = dir.resolve("outcome.pdf");
        Path html = dir.resolve("outcome.html");
        assertEquals(0, run("samples/multilingual-draft.md", "--pdf", pdf.toString(), "--html", html.toString()),
                err.toString(StandardCharsets.UTF_8));
        String text = new PdfPages(Files.readAllBytes(pdf)).all();
        assertTrue(text.contains("Déclaration de Graz sur les droits humains au niveau local"));
        assertTrue(text.contains("Draft, revision 0"));
        assertTrue(Files.readString(html).contains("Déclaration de Graz"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote " + pdf));
    }

    @Test
    void refusesWhatItCannotDoWithAUsageOrAReason() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("samples/multilingual-draft.md"), "no output named");
        assertEquals(2, run("samples/multilingual-draft.md", "--pdf"), "--pdf without a file");
        assertEquals(2, run("a.md", "b.md", "--pdf", "x.pdf"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: java -jar plenary.jar export"));
        Path out = dir.resolve("never.pdf");
        assertEquals(1, run(dir.resolve("missing.md").toString(), "--pdf", out.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        Path deep = dir.resolve("deep.md");
        Files.writeString(deep, "1. ".repeat(40) + "too deep\n");
        assertEquals(1, run(deep.toString(), "--pdf", out.toString()));
        assertFalse(Files.exists(out), "nothing is written for a draft that cannot be read");
    }
}
