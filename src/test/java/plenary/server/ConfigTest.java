package plenary.server;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: {@code --prot 9000 --no-sample} started on 8080 with the samples loaded, and the flag list
 * was kept three times (parser, {@code --help}, README). Now the three come from {@link Settings}, and
 * anything the parser does not know stops the server with a message that says what and where.
 */
@Tag("integration")
class ConfigTest {
    @Test
    void theTyposOfTheReportStopTheServerAtStartWithASuggestion() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "plenary.Main",
                "--prot", "9000", "--no-sample").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("'--prot'") && output.contains("--port"), output);
        assertFalse(output.contains("listening"), output);
    }

    @Test
    void anUnacceptableAdminPasswordStopsTheFirstStartInOneLineWithoutShowingIt(@TempDir Path data) throws Exception {
        String password = "aaaaaaaaaaaaaaaa";
        List<String> command = new java.util.ArrayList<>(ChildJvm.plenaryMain(List.of()));
        command.addAll(List.of("--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        builder.environment().put("PLENARY_ADMIN_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("plenary: cannot start: PLENARY_ADMIN_PASSWORD is not acceptable"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), "no stack trace: " + output);
        assertFalse(output.contains(password), "the password is not shown: " + output);
        assertFalse(output.contains("listening"), output);
    }

    @Test
    void unknownFlagsMissingValuesAndMalformedValuesAreRefusedWithWhereTheyCameFrom() {
        assertRefused(List.of("--no-sample"), Map.of(), "'--no-sample'", "--no-samples");
        assertRefused(List.of("--port"), Map.of(), "--port");
        assertRefused(List.of("--port", "abc"), Map.of(), "--port: 'abc' is not a whole number");
        assertRefused(List.of(), Map.of("PLENARY_PORT", "80.5"), "PLENARY_PORT: '80.5' is not a whole number");
        assertRefused(List.of("--ws-rate", "fast"), Map.of(), "--ws-rate: 'fast' is not a number");
        assertRefused(List.of("--ws-rate", "NaN"), Map.of(), "--ws-rate: 'NaN' is not a number");
        assertRefused(List.of(), Map.of("PLENARY_DEMO", "yes"), "PLENARY_DEMO: 'yes' is neither true nor false");
        assertRefused(List.of("--port", "70000"), Map.of(), "--port must be between 0 and 65535");
        assertRefused(List.of("--trusted-proxy", "proxy.example"), Map.of(), "proxy.example");
        assertRefused(List.of("--max-body-bytes", "10"), Map.of(), "--max-body-bytes must be at least 1024");
        assertRefused(List.of("--exports-waiting", "-1"), Map.of(), "--exports-waiting must not be negative");
        assertRefused(List.of(), Map.of("PLENARY_IMPORTS_WAITING_MIB", "0"), "--imports-waiting-mib at least 1");
    }

    @Test
    void aFlagWinsOverItsEnvironmentVariableWhichWinsOverTheDefault() {
        Config defaults = Config.from(List.of(), Map.of());
        assertEquals(8080, defaults.port());
        assertTrue(defaults.loadSamples());
        assertFalse(defaults.demo());
        assertEquals(List.of(), defaults.publicOrigins());
        assertNull(defaults.webDir());
        assertEquals(new plenary.http.WorkLimits(16, 10), defaults.work());
        assertEquals(new plenary.http.WorkLimits(2, 4), Config.from(List.of("--exports-waiting", "2"),
                Map.of("PLENARY_IMPORTS_WAITING_MIB", "4")).work());

        Map<String, String> env = Map.of("PLENARY_PORT", "9000", "PLENARY_LOAD_SAMPLES", "false", "PLENARY_DEMO", "TRUE",
                "PLENARY_PUBLIC_ORIGIN", "https://a.example, https://b.example", "PLENARY_HOST", " ");
        Config fromEnv = Config.from(List.of(), env);
        assertEquals(9000, fromEnv.port());
        assertFalse(fromEnv.loadSamples());
        assertTrue(fromEnv.demo());
        assertEquals(List.of("https://a.example", "https://b.example"), fromEnv.publicOrigins());
        assertEquals("0.0.0.0", fromEnv.host(), "a blank variable is unset");

        Config fromFlags = Config.from(List.of("--port", "9001", "--public-origin", "https://c.example",
                "--public-origin", "https://d.example,https://e.example"), env);
        assertEquals(9001, fromFlags.port());
        assertEquals(9002, Config.from(List.of("--port", "9001", "--port", "9002"), Map.of()).port(), "the last one wins");
        assertEquals(List.of("https://c.example", "https://d.example", "https://e.example"), fromFlags.publicOrigins());
    }

    @Test
    void aClusterNodeNeedsPostgresqlAndWellFormedMembers() {
        assertRefused(List.of("--cluster"), Map.of(), "--cluster", "PostgreSQL");
        assertRefused(List.of("--cluster", "--db-url", "jdbc:h2:./x"), Map.of(), "PostgreSQL");
        assertRefused(List.of("--cluster-members", "node2"), Map.of(), "--cluster-members", "'node2'", "HOST:PORT");
        assertRefused(List.of("--lease-seconds", "0"), Map.of(), "--lease-seconds");
        assertRefused(List.of("--cluster-port", "70000"), Map.of(), "--cluster-port");
        Config node = Config.from(List.of("--cluster", "--cluster-host", "10.0.0.2", "--cluster-port", "5702",
                "--cluster-members", "10.0.0.1:5701,10.0.0.3:5701", "--lease-seconds", "6"),
                Map.of("PLENARY_DB_URL", "jdbc:postgresql://db/plenary"));
        assertTrue(node.cluster().enabled());
        assertEquals("10.0.0.2:5702", node.cluster().node());
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.3:5701"), node.cluster().members());
        assertEquals(java.time.Duration.ofSeconds(6), node.cluster().lease());
        assertFalse(Config.from(List.of(), Map.of()).cluster().enabled(), "a server alone by default");
    }

    @Test
    void importKeepsItsFilesAndMeeting() {
        Config config = Config.from(List.of("a.md", "--no-samples", "b.md", "--meeting", "m1"), Map.of());
        assertEquals(List.of("a.md", "b.md", "--meeting", "m1"), config.arguments());
        assertFalse(config.loadSamples());
    }

    @Test
    void theReadmeTableAndHelpAreTheSettingsList() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(Settings.markdownTable()),
                "README's configuration table differs from Settings.ALL; it should read:\n" + Settings.markdownTable());
        String usage = Settings.usage();
        for (Setting setting : Settings.ALL) {
            if (setting.flag() != null) {
                assertTrue(usage.contains("  " + setting.flag()), setting.flag());
                // Every flag is one the parser takes (a cluster node only with a PostgreSQL database).
                Config.from(setting.isSwitch() ? List.of(setting.flag(), "--db-url", "jdbc:postgresql://db/p")
                        : List.of(), Map.of());
            }
            assertTrue(usage.contains(setting.env()), setting.env());
        }
    }

    private static void assertRefused(List<String> args, Map<String, String> env, String... words) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Config.from(args, env),
                args + " " + env);
        for (String word : words) {
            assertTrue(refused.getMessage().contains(word), refused.getMessage() + " should contain " + word);
        }
    }
}
