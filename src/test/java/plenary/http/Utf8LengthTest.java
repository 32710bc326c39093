package plenary.http;

import org.junit.jupiter.api.Test;
import plenary.document.Seeds;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The socket's size check counts UTF-8 bytes without encoding; it must agree with encoding. */
class Utf8LengthTest {
    @Test
    void agreesWithTheEncoder() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int[] samples = {'a', 'é', 'ж', 'ش', '中', 0x1F30D, 0x10FFFF, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF};
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(0, 30);
            for (int k = 0; k < n; k++) {
                text.appendCodePoint(samples[random.nextInt(samples.length)]);
            }
            String s = text.toString();
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, LiveConnection.utf8Length(s),
                    () -> "seed " + seed + ": " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }
}
