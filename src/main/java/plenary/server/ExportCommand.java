package plenary.server;

import plenary.document.Document;
import plenary.document.DocumentException;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.render.Edition;
import plenary.render.HtmlEdition;
import plenary.render.PdfEdition;
import plenary.render.Variant;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code export FILE.md --pdf OUT.pdf [--html OUT.html]}: renders a draft written in Markdown
 * straight from the file, with no server and no store. The file carries no negotiation, so the
 * result is the clean text, marked as a draft at revision 0.
 */
public final class ExportCommand {
    static final String USAGE = "usage: java -jar plenary.jar export FILE.md --pdf OUT.pdf [--html OUT.html]";

    private ExportCommand() {
    }

    /** Returns the process exit code: 0 when every output was written, 1 on a bad file, 2 on bad arguments. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String source = null;
        String pdf = null;
        String html = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--pdf", "--html" -> {
                    if (i + 1 >= args.size()) {
                        err.println(arg + " needs a file name\n" + USAGE);
                        return 2;
                    }
                    if (arg.equals("--pdf")) {
                        pdf = args.get(++i);
                    } else {
                        html = args.get(++i);
                    }
                }
                default -> {
                    if (arg.startsWith("--") || source != null) {
                        err.println("unexpected argument " + arg + "\n" + USAGE);
                        return 2;
                    }
                    source = arg;
                }
            }
        }
        if (source == null || pdf == null && html == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            String markdown = Files.readString(Path.of(source), StandardCharsets.UTF_8);
            Document document = new MarkdownImporter(RandomIds.secure()).read("export", markdown);
            Edition edition = Edition.of(document);
            if (pdf != null) {
                Files.write(Path.of(pdf), PdfEdition.render(edition, Variant.CLEAN));
                out.println("wrote " + pdf);
            }
            if (html != null) {
                Files.writeString(Path.of(html), HtmlEdition.render(edition, Variant.CLEAN), StandardCharsets.UTF_8);
                out.println("wrote " + html);
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
            return 1;
        } catch (DocumentException e) {
            err.println(source + " cannot be read as a draft: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot write the export: " + e.getMessage());
            return 1;
        }
    }
}
