package plenary.server;

/**
 * One setting of the server: its flag (null when it is read from the environment only), its
 * environment variable, and how it reads in the README's table, in {@code --help} and in errors.
 *
 * @param flag        e.g. {@code --port}; null for a secret read from the environment only
 * @param label       the value's placeholder ({@code N}, {@code DIR}); null for a switch
 * @param env         e.g. {@code PLENARY_PORT}
 * @param envValue    for a switch, the environment value that turns it on ({@code true}, or {@code false}
 *                    for {@code --no-samples}); null otherwise
 * @param defaultText the default as the README shows it (Markdown)
 * @param meaning     what it does (Markdown)
 */
public record Setting(String flag, String label, String env, String envValue, String defaultText, String meaning) {
    /** A switch takes no value: the flag turns it on, or the environment variable set to {@link #envValue}. */
    public boolean isSwitch() {
        return flag != null && label == null;
    }

    /** The README's table row. */
    public String markdownRow() {
        String flagCell = flag == null ? "" : "`" + flag + (label == null ? "" : " " + label) + "`";
        String envCell = "`" + env + (envValue == null ? "" : "=" + envValue) + "`";
        return "| " + flagCell + (flagCell.isEmpty() ? "" : " ") + "| " + envCell + " | " + defaultText + " | " + meaning + " |";
    }

    /** Markdown to plain text, for {@code --help}. */
    static String plain(String markdown) {
        return markdown.replace("`", "").replace("*(none)*", "none").replace("**", "");
    }
}
