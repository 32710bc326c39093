package plenary.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads a request body that must be Markdown: the right media type, UTF-8, and not empty. */
final class MarkdownBody {
    private MarkdownBody() {
    }

    /** The body, once its headers say Markdown in UTF-8 and it is not empty; cheap, for the event loop. */
    static Buffer checked(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null) {
            throw new ProblemException(Problem.unsupportedMediaType("send the draft with Content-Type: text/markdown"));
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("text/markdown")) {
            throw new ProblemException(Problem.unsupportedMediaType(
                    "expected text/markdown, got " + parts[0].strip()));
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            if (param.startsWith("charset=") && !param.substring(8).replace("\"", "").equals("utf-8")) {
                throw new ProblemException(Problem.unsupportedMediaType("only charset=utf-8 is accepted"));
            }
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new ProblemException(Problem.badRequest("the body is empty; send the Markdown of the draft"));
        }
        return body;
    }

    /**
     * The body's text, strictly decoded: for a worker thread, since 2 MiB take milliseconds, and a
     * dozen imports at once decoded on the event loop held up everything else on it (/health too).
     */
    static String decode(Buffer body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.badRequest("the body is not valid UTF-8"));
        }
        if (text.isBlank()) {
            throw new ProblemException(Problem.badRequest("the body has only white space; send the Markdown of the draft"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new ProblemException(Problem.badRequest("the body contains a NUL character"));
        }
        return text;
    }
}
