package plenary.bench;

import java.util.HashMap;
import java.util.Map;

/** The options of {@link BrowserRoom}, with their defaults (the full size). */
record BrowserRoomOptions(int paragraphs, int amendments, int loads, int keystrokes, int remoteKeystrokes, int frames,
                          double typingRate, double remoteRate, double frameRate, int delegations, long seed, String serverHeap) {

    /** Set-up (Argon2 per account, the amendments), each load at most 2 min, the phases, and a margin. */
    long budgetSeconds() {
        return 300L + paragraphs / 10 + amendments / 5 + 120L * loads + (long) (keystrokes / typingRate
                + 2 * remoteKeystrokes / remoteRate + frames / frameRate) + 60;
    }

    static BrowserRoomOptions parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--paragraphs", "--amendments", "--loads", "--keystrokes", "--remote-keystrokes", "--frames",
                     "--typing-rate", "--remote-rate", "--frame-rate", "--delegations", "--seed", "--server-heap" ->
                        v.put(args[i], args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BrowserRoomOptions o = new BrowserRoomOptions(i(v, "--paragraphs", 1000), i(v, "--amendments", 300), i(v, "--loads", 5),
                i(v, "--keystrokes", 100), i(v, "--remote-keystrokes", 100), i(v, "--frames", 30),
                d(v, "--typing-rate", 5), d(v, "--remote-rate", 5), d(v, "--frame-rate", 2),
                i(v, "--delegations", 10), Long.parseLong(v.getOrDefault("--seed", "42")),
                v.getOrDefault("--server-heap", "1g"));
        if (o.paragraphs < 10 || o.amendments < 0 || o.loads < 1 || o.keystrokes < 1 || o.remoteKeystrokes < 1
                || o.frames < 1 || o.typingRate <= 0 || o.typingRate > 40 || o.remoteRate <= 0 || o.remoteRate > 40
                || o.frameRate <= 0 || o.delegations < 1) {
            throw new IllegalArgumentException("out of range: paragraphs >= 10, loads, keystrokes, remote-keystrokes, "
                    + "frames and delegations >= 1, rates > 0 (typing <= 40/s)");
        }
        return o;
    }

    private static int i(Map<String, String> v, String name, int fallback) {
        return v.containsKey(name) ? Integer.parseInt(v.get(name)) : fallback;
    }

    private static double d(Map<String, String> v, String name, double fallback) {
        return v.containsKey(name) ? Double.parseDouble(v.get(name)) : fallback;
    }
}
