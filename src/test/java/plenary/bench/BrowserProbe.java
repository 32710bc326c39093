package plenary.bench;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The measuring half of {@link BrowserRoom} that lives in the page: Chromium's options for a
 * measured page, and a script installed before the page's own modules on every document
 * ({@code Page.addScriptToEvaluateOnNewDocument}) that records into {@code window.__bench}:
 * <ul>
 * <li>first text: the first {@code .clause__text} with text in the DOM, then the end of the next
 * frame (a {@code requestAnimationFrame} callback posts a {@code MessageChannel} message, which runs
 * once that frame's style, layout and paint are done);</li>
 * <li>usable room: every clause's panel button there, their amendment counts adding up to the
 * amendments tabled (the negotiation's state read and shown), and the live bar saying online (the
 * socket joined); checked once per frame after DOM changes, and timed to the end of that frame;</li>
 * <li>keystrokes: from the keydown's {@code timeStamp} (when the browser received the key) to the end
 * of the frame after its {@code input} event, for typing into a live editor; and Event Timing's
 * keydown entries of 16 ms or more (the API reports none shorter);</li>
 * <li>socket messages: the page sets {@code WebSocket.prototype.onmessage}, so the setter is wrapped:
 * each handler call is timed, and so is the rendering work of the next frame: the page's own
 * animation-frame callbacks (between a callback registered before the handler ran and one
 * registered after) and the style and layout that frame needs (forced in that last callback by
 * reading {@code offsetHeight}, which the frame then need not redo). Paint is not in it.</li>
 * </ul>
 */
final class BrowserProbe {
    private BrowserProbe() {
    }

    /**
     * Headless Chromium as a user's would run, minus what dials out: unlike the test harness's
     * options, no {@code --single-process} and no {@code --js-flags=--no-opt}, which make pages slower.
     */
    static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            options.setBinary(chromium.toString());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-default-apps", "--mute-audio", "--disable-breakpad", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--password-store=basic", "--use-mock-keychain",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        if (smallSharedMemory()) {
            options.addArguments("--disable-dev-shm-usage");
        }
        return options;
    }

    private static boolean smallSharedMemory() {
        try {
            return Files.getFileStore(Path.of("/dev/shm")).getTotalSpace() < (1L << 30);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Installs the probe on every new document of this browser (expected counts define "usable"). */
    static void install(ChromeDriver driver, int clauses, int amendments) {
        String source = SCRIPT.replace("@CLAUSES@", Integer.toString(clauses))
                .replace("@AMENDMENTS@", Integer.toString(amendments));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
        driver.executeCdpCommand("Performance.enable", Map.of());
    }

    /** Chromium's main-thread metrics that {@link #metrics} reads, busy time first. */
    static final List<String> METRICS = List.of("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration");

    /**
     * The page renderer's main-thread time so far (CDP Performance.getMetrics, cumulative wall time
     * of its tasks, and of script, style and layout within them), in ms, in the order of {@link #METRICS}.
     */
    @SuppressWarnings("unchecked")
    static double[] metrics(ChromeDriver driver) {
        Map<String, Object> answer = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        double[] out = new double[METRICS.size()];
        java.util.Arrays.fill(out, Double.NaN);
        for (Map<String, Object> m : (List<Map<String, Object>>) answer.get("metrics")) {
            int i = METRICS.indexOf(String.valueOf(m.get("name")));
            if (i >= 0) {
                out[i] = ((Number) m.get("value")).doubleValue() * 1000;
            }
        }
        return out;
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static Object js(ChromeDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Numbers of a list the page answered (each a JS number, or null). */
    @SuppressWarnings("unchecked")
    static List<Double> numbers(Object answer) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<Object>) answer) {
            if (o instanceof Number n) {
                out.add(n.doubleValue());
            }
        }
        return out;
    }

    /** The nearest-rank percentile of {@code values} (NaN when empty). */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * Main-thread time per action from the recorded messages: each message of type {@code leader}
     * starts an action, and the messages after it up to the next leader (a presence frame after an
     * ops frame, say) are added to it. A message costs its handler plus its share of the next
     * frame's rendering. Answers the cost per action in ms, in order, and fills {@code counts} with
     * the messages seen per type.
     */
    @SuppressWarnings("unchecked")
    static List<Double> perAction(Object recorded, String leader, Map<String, Integer> counts) {
        List<Double> out = new ArrayList<>();
        double current = -1;
        for (Map<String, Object> m : (List<Map<String, Object>>) recorded) {
            String type = String.valueOf(m.get("type"));
            counts.merge(type, 1, Integer::sum);
            double cost = ((Number) m.get("handler")).doubleValue()
                    + (m.get("frame") instanceof Number f ? f.doubleValue() : 0);
            if (type.equals(leader)) {
                if (current >= 0) {
                    out.add(current);
                }
                current = cost;
            } else if (current >= 0) {
                current += cost;
            }
        }
        if (current >= 0) {
            out.add(current);
        }
        return out;
    }

    private static final String SCRIPT = """
            (() => {
              if (!location.protocol.startsWith('http') || window.__bench) return;
              const B = window.__bench = { firstTextDom: null, firstText: null, usableDom: null, usable: null,
                keys: [], events: [], msgs: [], frames: [], typing: false, recording: false };
              const now = () => performance.now();
              // Runs fn(time) once the frame being prepared (or the next one) has been rendered.
              const afterFrame = (fn) => { const c = new MessageChannel(); c.port1.onmessage = () => fn(now()); c.port2.postMessage(0); };
              const afterPaint = (fn) => requestAnimationFrame(() => afterFrame(fn));

              // ---- first text and usable room
              const usableNow = () => {
                const bar = document.querySelector('.live-bar');
                if (!bar || bar.dataset.status !== 'online') return false;
                const buttons = document.querySelectorAll('.room-clause__open');
                if (buttons.length < @CLAUSES@) return false;
                let sum = 0;
                for (const b of buttons) { const m = /\\d+/.exec(b.lastChild?.textContent ?? ''); if (m) sum += Number(m[0]); }
                return sum >= @AMENDMENTS@;
              };
              let checking = false;
              const observer = new MutationObserver(() => {
                if (B.firstTextDom === null) {
                  const el = document.querySelector('.clause__text');
                  if (el && el.textContent.trim()) { B.firstTextDom = now(); afterPaint((t) => { B.firstText = t; }); }
                }
                if (B.firstTextDom !== null && B.usableDom === null && !checking) {
                  checking = true;
                  requestAnimationFrame(() => {
                    checking = false;
                    if (B.usableDom !== null || !usableNow()) return;
                    B.usableDom = now();
                    observer.disconnect();
                    afterFrame((t) => { B.usable = t; });
                  });
                }
              });
              observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true,
                attributeFilter: ['data-status'] });

              // ---- form controls added or moved while measuring: each makes Chromium's autofill scan
              // every form control of the page again (about 40 ms on 1,000 paragraphs)
              B.controlsAdded = {};
              const CONTROLS = 'textarea, select, input, form';
              new MutationObserver((records) => {
                if (!B.typing && !B.recording) return;
                for (const r of records) for (const n of r.addedNodes) {
                  if (n.nodeType !== 1) continue;
                  for (const c of [...(n.matches(CONTROLS) ? [n] : []), ...n.querySelectorAll(CONTROLS)]) {
                    const k = c.localName + '.' + (c.className || c.name || '?');
                    B.controlsAdded[k] = (B.controlsAdded[k] ?? 0) + 1;
                  }
                }
              }).observe(document, { childList: true, subtree: true });

              // ---- keystroke to paint
              let key = null;
              addEventListener('keydown', (e) => { if (e.target?.dataset?.action === 'text') key = e.timeStamp; }, true);
              addEventListener('input', () => {
                const down = key; key = null;
                if (down === null || !B.typing) return;
                const input = now();
                afterPaint((t) => B.keys.push({ toInput: input - down, toPaint: t - down }));
              });
              try {
                new PerformanceObserver((list) => {
                  for (const e of list.getEntries()) {
                    if (B.typing && e.name === 'keydown') B.events.push(e.duration);
                  }
                }).observe({ type: 'event', durationThreshold: 16 });
              } catch (e) { B.eventTimingError = String(e); }

              // ---- socket messages: handler time and the next frame's rendering work
              let group = null;
              const typeOf = (data) => typeof data !== 'string' ? 'binary'
                : (/^\\{"type":"([^"]+)"/.exec(data.slice(0, 40))?.[1] ?? (data.startsWith('{"revision"') ? 'joined' : 'other'));
              const d = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
              Object.defineProperty(WebSocket.prototype, 'onmessage', {
                configurable: true, enumerable: d.enumerable,
                get() { return this.__benchHandler ?? null; },
                set(fn) {
                  this.__benchHandler = fn;
                  d.set.call(this, typeof fn !== 'function' ? fn : function (event) {
                    if (!B.recording) return fn.call(this, event);
                    if (!group) {
                      const g = group = { msgs: [], a: 0 };
                      requestAnimationFrame(() => { g.a = now(); });
                    }
                    const g = group;
                    const t0 = now();
                    try {
                      return fn.call(this, event);
                    } finally {
                      const m = { type: typeOf(event.data), at: t0, handler: now() - t0, bytes: event.data?.length ?? 0 };
                      B.msgs.push(m);
                      g.msgs.push(m);
                      if (g.msgs.length === 1) {
                        requestAnimationFrame(() => {
                          const b = now();
                          void document.documentElement.offsetHeight; // style and layout, as the frame would
                          const c = now();
                          if (group === g) group = null;
                          for (const x of g.msgs) x.frame = (c - g.a) / g.msgs.length;
                          B.frames.push({ callbacks: b - g.a, layout: c - b, messages: g.msgs.length });
                        });
                      }
                    }
                  });
                },
              });
            })();
            """;
}
