package plenary.people;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a password must be (NIST SP 800-63B, OWASP ASVS 2.1): 12 to 128 characters, any characters
 * allowed, and not easy to guess: not one of the most common passwords (nor one with digits or
 * symbols added around it), not the username, not a short unit repeated ("aaaa…", "abcabc…"), not
 * made of a few runs of sequential or keyboard-adjacent characters ("123456789012", "qwertyuiopas").
 * No composition rules: length is what resists guessing, and the refusals catch what length does not.
 */
public final class PasswordRules {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    /** A password whose runs average this many characters or more is a pattern, not a secret. */
    private static final int PATTERN_RUN = 4;
    private static final int MIN_DISTINCT = 4;
    /** Rows of the QWERTY, AZERTY and QWERTZ keyboards, and of the number pad, as typed left to right. */
    private static final List<String> KEYBOARD_ROWS = List.of("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'",
            "zxcvbnm,./", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm", "789", "456", "123");

    /** Why a password is refused: a reason code (for clients that explain it in their language) and a sentence. */
    public record Refusal(String reason, String detail) {
    }

    private PasswordRules() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String username, String password) {
        return check(username, password).map(Refusal::detail);
    }

    public static Optional<Refusal> check(String username, String password) {
        if (password == null) {
            return refuse("missing", "a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return refuse("too-short", "a password needs at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return refuse("too-long", "a password may have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String core = undecorated(lower);
        if (username != null && (lower.equals(username.toLowerCase(Locale.ROOT))
                || core.equals(username.toLowerCase(Locale.ROOT)))) {
            return refuse("username", "a password must not be the username");
        }
        if (CommonPasswords.contains(lower) || (!core.isEmpty() && CommonPasswords.contains(core))) {
            return refuse("common", "this is one of the most common passwords, or one with digits or symbols added");
        }
        int[] points = lower.codePoints().toArray();
        if (points.length > 0 && java.util.Arrays.stream(points).distinct().count() < MIN_DISTINCT) {
            return refuse("repetition", "a password needs at least " + MIN_DISTINCT + " different characters");
        }
        int period = period(points);
        if (period * 2 <= points.length) {
            String unit = new String(points, 0, period);
            if (period * 2 < MIN_LENGTH || CommonPasswords.contains(unit) || runs(unit.codePoints().toArray()) * PATTERN_RUN <= period) {
                return refuse("repetition", "a password must not be a short or common text repeated");
            }
        }
        if (runs(points) * PATTERN_RUN <= points.length) {
            return refuse("sequence", "a password must not be made of sequences or keyboard rows such as 'abcd', '1234' or 'qwerty'");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String reason, String detail) {
        return Optional.of(new Refusal(reason, detail));
    }

    /** The text without the digits, symbols and spaces before its first letter and after its last. */
    private static String undecorated(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && !Character.isLetter(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** The length of the shortest unit the text repeats ("abcabcab": 3); its length when it repeats none. */
    private static int period(int[] points) {
        // Knuth–Morris–Pratt failure function: the longest proper border gives the shortest period.
        int[] border = new int[points.length];
        for (int i = 1, k = 0; i < points.length; i++) {
            while (k > 0 && points[i] != points[k]) {
                k = border[k - 1];
            }
            if (points[i] == points[k]) {
                k++;
            }
            border[i] = k;
        }
        return points.length == 0 ? 0 : points.length - border[points.length - 1];
    }

    /**
     * How many runs the text splits into, where a run goes on while each character follows the one
     * before it in the same way: the same character again, the next or previous letter or digit
     * (9 then 0 too), or the next or previous key of a keyboard row.
     */
    private static int runs(int[] points) {
        int runs = points.length == 0 ? 0 : 1;
        int step = Integer.MIN_VALUE; // the way the current run goes on; none yet
        for (int i = 1; i < points.length; i++) {
            int next = step(points[i - 1], points[i], step);
            if (next == Integer.MIN_VALUE || (step != Integer.MIN_VALUE && next != step)) {
                runs++;
                step = Integer.MIN_VALUE;
            } else {
                step = next;
            }
        }
        return runs;
    }

    /**
     * How {@code b} follows {@code a}: 0 for the same character, ±1 for the next or previous code
     * point (digits wrap around), ±2 for the next or previous key of a keyboard row; MIN_VALUE when
     * it does not. {@code preferred} is the way the run goes so far, chosen when b follows a in it.
     */
    private static int step(int a, int b, int preferred) {
        if (a == b) {
            return 0;
        }
        int codeStep = Integer.MIN_VALUE;
        if (Character.isDigit(a) && Character.isDigit(b)) {
            int d = Math.floorMod(Character.digit(b, 10) - Character.digit(a, 10), 10);
            codeStep = d == 1 ? 1 : d == 9 ? -1 : Integer.MIN_VALUE;
        } else if (Math.abs(b - a) == 1 && Character.isLetterOrDigit(a) && Character.isLetterOrDigit(b)) {
            codeStep = b - a;
        }
        int keyStep = Integer.MIN_VALUE;
        for (String row : KEYBOARD_ROWS) {
            int at = row.indexOf(a);
            if (at >= 0 && at + 1 < row.length() && row.charAt(at + 1) == b) {
                keyStep = 2;
            } else if (at > 0 && row.charAt(at - 1) == b) {
                keyStep = -2;
            }
            if (keyStep != Integer.MIN_VALUE && keyStep == preferred) {
                break;
            }
        }
        if (codeStep != Integer.MIN_VALUE && (codeStep == preferred || keyStep == Integer.MIN_VALUE)) {
            return codeStep;
        }
        return keyStep;
    }
}
