package plenary.ui;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

/**
 * A page whose live socket can hold back the frames the server sends, as a slow downlink would,
 * and counts the edits it submits. Installed through DevTools before any of the page's scripts
 * run (the live client takes {@code WebSocket} when it is made), so reload the page after
 * {@link #install}. Everything else stays real: the frames are the server's, delivered in the
 * order they came once released.
 */
final class HeldFrames {
    private static final String SCRIPT = """
            (() => {
              const Native = window.WebSocket;
              const live = { hold: false, held: [], submits: 0 };
              live.release = () => {
                live.hold = false;
                live.held.splice(0).forEach((frame) => frame.deliver());
              };
              window.__liveFrames = live;
              window.WebSocket = class extends Native {
                send(data) {
                  if (String(data).includes('"type":"submit"')) live.submits++;
                  return super.send(data);
                }
                set onmessage(handler) {
                  super.onmessage = handler && ((event) => {
                    if (live.hold) live.held.push({ data: String(event.data), deliver: () => handler.call(this, event) });
                    else handler.call(this, event);
                  });
                }
                get onmessage() {
                  return super.onmessage;
                }
              };
            })();""";

    private HeldFrames() {
    }

    /** Installs the holding socket for every page this browser loads from now on. */
    static void install(Browser browser) {
        ((ChromeDriver) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
    }

    /** From now on, frames from the server wait in the page. */
    static void hold(Browser browser) {
        script(browser, "window.__liveFrames.hold = true; return null;");
    }

    /** Delivers the held frames, in the order they came, and stops holding. */
    static void release(Browser browser) {
        script(browser, "window.__liveFrames.release(); return null;");
    }

    /** Whether a held frame contains the text. */
    static boolean holding(Browser browser, String text) {
        return Boolean.TRUE.equals(script(browser, "return window.__liveFrames.held.some((f) => f.data.includes(arguments[0]));", text));
    }

    /** How many submit messages the page has sent. */
    static long submits(Browser browser) {
        return ((Number) script(browser, "return window.__liveFrames.submits;")).longValue();
    }

    private static Object script(Browser browser, String js, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(js, args);
    }
}
