package plenary.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * How a benchmark's {@code main} runs its body: past its time budget a watchdog stops what it
 * started and halts the JVM (a benchmark that hangs must not hold the machine), a shutdown hook stops
 * it on Ctrl-C, and the JVM exits with the body's status once everything is stopped and cleaned up.
 */
final class BenchMain {
    private BenchMain() {
    }

    static void run(String name, long budgetSeconds, Runnable stop, Callable<Integer> body, Runnable cleanUp)
            throws Exception {
        String prefix = name.toLowerCase(Locale.ROOT);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(budgetSeconds));
                System.out.println(name + ": over its time budget of " + budgetSeconds + " s; stopping");
                stop.run();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, prefix + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Runtime.getRuntime().addShutdownHook(new Thread(stop, prefix + "-stop"));
        int status;
        try {
            status = body.call();
        } finally {
            stop.run();
            cleanUp.run();
        }
        System.exit(status);
    }
}
