package plenary.server;

/**
 * The server will not start with what it was given (not a fault of its own): the command line says
 * why in one line and exits, with no stack trace, as it does for a malformed flag.
 */
public final class StartRefused extends RuntimeException {
    public StartRefused(String message) {
        super(message);
    }
}
