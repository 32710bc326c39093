package plenary.server;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The raw values of the settings: picocli reads the command line against {@link Settings} (so an
 * unknown flag, or one missing its value, is refused with a suggestion), then each setting is its
 * flag's value, else its environment variable, else its default. Conversions say where a bad value
 * came from: the flag, or the environment variable.
 */
final class Values {
    private static final List<String> LISTS = List.of("--public-origin", "--trusted-proxy", "--log-level",
            "--cluster-members");

    private final ParseResult parsed;
    private final Map<String, String> env;

    private Values(ParseResult parsed, Map<String, String> env) {
        this.parsed = parsed;
        this.env = env;
    }

    static Values parse(List<String> args, Map<String, String> env) {
        CommandSpec spec = CommandSpec.create();
        // A flag given twice takes its last value, as wrappers that append to a command line expect.
        spec.parser().abbreviatedOptionsAllowed(false).posixClusteredShortOptionsAllowed(false).overwrittenOptionsAllowed(true);
        for (Setting setting : Settings.ALL) {
            if (setting.flag() == null) {
                continue;
            }
            OptionSpec.Builder option = OptionSpec.builder(setting.flag());
            if (setting.isSwitch()) {
                option.arity("0").type(boolean.class);
            } else if (LISTS.contains(setting.flag())) {
                option.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel(setting.label());
            } else {
                option.arity("1").type(String.class).paramLabel(setting.label());
            }
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder(Settings.MEETING.flag()).arity("1").type(String.class)
                .paramLabel(Settings.MEETING.label()).build());
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel("FILE").build());
        try {
            return new Values(new CommandLine(spec).parseArgs(args.toArray(String[]::new)), env);
        } catch (CommandLine.UnmatchedArgumentException e) {
            List<String> suggestions = e.getSuggestions();
            throw new IllegalArgumentException(e.getMessage() + (suggestions.isEmpty() ? ""
                    : "; did you mean " + String.join(" or ", suggestions) + "?"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The flag's value, else the environment's (blank counts as unset), else {@code fallback}. */
    String text(String flag, String fallback) {
        if (parsed.hasMatchedOption(flag)) {
            return parsed.matchedOptionValue(flag, fallback);
        }
        String fromEnv = env.get(setting(flag).env());
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv.strip();
    }

    int integer(String flag, int fallback) {
        String raw = text(flag, null);
        try {
            return raw == null ? fallback : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source(flag) + ": '" + raw + "' is not a whole number");
        }
    }

    long longInteger(String flag, long fallback) {
        String raw = text(flag, null);
        try {
            return raw == null ? fallback : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source(flag) + ": '" + raw + "' is not a whole number");
        }
    }

    double decimal(String flag, double fallback) {
        String raw = text(flag, null);
        try {
            double value = raw == null ? fallback : Double.parseDouble(raw);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source(flag) + ": '" + raw + "' is not a number");
        }
    }

    /** A switch: the flag given, or its environment variable set to the value that turns it on. */
    boolean on(String flag) {
        if (parsed.hasMatchedOption(flag)) {
            return true;
        }
        Setting setting = setting(flag);
        String fromEnv = env.get(setting.env());
        if (fromEnv == null || fromEnv.isBlank()) {
            return false;
        }
        String value = fromEnv.strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(setting.env() + ": '" + value + "' is neither true nor false");
        }
        return value.equalsIgnoreCase(setting.envValue());
    }

    /** A comma-separated list; the flag may repeat. Flags replace the environment's list. */
    List<String> list(String flag) {
        List<String> raw = parsed.hasMatchedOption(flag) ? parsed.matchedOptionValue(flag, List.<String>of())
                : env.get(setting(flag).env()) == null ? List.of() : List.of(env.get(setting(flag).env()));
        return raw.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    /** The positional arguments, then {@code --meeting ID} when given: what {@code import} reads. */
    List<String> arguments() {
        List<String> out = new ArrayList<>(parsed.matchedPositionalValue(0, List.<String>of()));
        if (parsed.hasMatchedOption(Settings.MEETING.flag())) {
            out.add(Settings.MEETING.flag());
            out.add(parsed.matchedOptionValue(Settings.MEETING.flag(), ""));
        }
        return List.copyOf(out);
    }

    private String source(String flag) {
        return parsed.hasMatchedOption(flag) ? flag : setting(flag).env();
    }

    private static Setting setting(String flag) {
        return Settings.byFlag(flag).orElseThrow(() -> new IllegalStateException("no setting " + flag));
    }
}
