package plenary.bench;

import java.util.Set;

/** The options of {@link BrowserRoom}, with their defaults (the full size). */
record BrowserRoomOptions(int paragraphs, int amendments, int loads, int keystrokes, int remoteKeystrokes, int frames,
                          double typingRate, double remoteRate, double frameRate, int delegations, long seed, String serverHeap,
                          boolean trace) {

    /** Set-up (Argon2 per account, the amendments), each load at most 2 min, the phases, and a margin. */
    long budgetSeconds() {
        return 300L + paragraphs / 10 + amendments / 5 + 120L * loads + (long) (keystrokes / typingRate
                + 2 * remoteKeystrokes / remoteRate + frames / frameRate) + 60;
    }

    static BrowserRoomOptions parse(String[] args) {
        BenchArgs v = new BenchArgs(args, Set.of("--paragraphs", "--amendments", "--loads", "--keystrokes",
                "--remote-keystrokes", "--frames", "--typing-rate", "--remote-rate", "--frame-rate", "--delegations",
                "--seed", "--server-heap", "--trace"), Set.of());
        BrowserRoomOptions o = new BrowserRoomOptions(v.integer("--paragraphs", 1000), v.integer("--amendments", 300),
                v.integer("--loads", 5), v.integer("--keystrokes", 100), v.integer("--remote-keystrokes", 100),
                v.integer("--frames", 30), v.decimal("--typing-rate", 5), v.decimal("--remote-rate", 5),
                v.decimal("--frame-rate", 2), v.integer("--delegations", 10), v.longInteger("--seed", 42),
                v.text("--server-heap", "1g"), parseSwitch(v.text("--trace", "off")));
        if (o.paragraphs < 10 || o.amendments < 0 || o.loads < 1 || o.keystrokes < 1 || o.remoteKeystrokes < 1
                || o.frames < 1 || o.typingRate <= 0 || o.typingRate > 40 || o.remoteRate <= 0 || o.remoteRate > 40
                || o.frameRate <= 0 || o.delegations < 1) {
            throw new IllegalArgumentException("out of range: paragraphs >= 10, loads, keystrokes, remote-keystrokes, "
                    + "frames and delegations >= 1, rates > 0 (typing <= 40/s)");
        }
        return o;
    }

    private static boolean parseSwitch(String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--trace takes on or off, not " + value);
        };
    }
}
