package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openqa.selenium.chrome.ChromeDriver;
import plenary.live.TextMessages;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A Chromium performance trace over one window of {@link BrowserRoom}, taken on the browser's own
 * DevTools socket beside ChromeDriver's (ChromeDriver cannot receive the protocol's events), and
 * summed as the DevTools Performance panel's "bottom-up" view does: the self time of each kind of
 * event on the page renderer's main thread. It answers what Performance.getMetrics' TaskDuration
 * holds besides script, style and layout (paint, pre-paint, commit, GC, the event loop's own work).
 * The trace also holds V8's samples of the page's script (ProfileChunk events), which the DevTools
 * Performance panel shows as the page's functions.
 */
final class DevToolsTrace implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the Performance panel records, plus V8's GC and the scheduler's top-level tasks. */
    private static final String CATEGORIES = "toplevel,devtools.timeline,disabled-by-default-devtools.timeline,"
            + "disabled-by-default-devtools.timeline.frame,disabled-by-default-devtools.timeline.invalidationTracking,blink,cc,v8,"
            + "v8.execute,disabled-by-default-v8.gc,blink.user_timing,disabled-by-default-v8.cpu_profiler";

    private final WebSocket socket;
    private final List<JsonNode> events = new ArrayList<>();
    private final CompletableFuture<Void> complete = new CompletableFuture<>();
    private int nextId = 1;

    private DevToolsTrace(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the browser target of the Chromium that {@code driver} drives, and starts tracing. */
    static DevToolsTrace start(ChromeDriver driver) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> chrome = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
        String address = String.valueOf(chrome.get("debuggerAddress"));
        HttpClient http = HttpClient.newHttpClient();
        JsonNode version = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(version.get("webSocketDebuggerUrl").asText()), listener)
                .get(10, TimeUnit.SECONDS);
        DevToolsTrace trace = new DevToolsTrace(ws);
        listener.trace = trace;
        ObjectNode params = JSON.createObjectNode();
        params.put("transferMode", "ReportEvents");
        params.putObject("traceConfig").putArray("includedCategories").addAll(
                Arrays.stream(CATEGORIES.split(",")).map(JSON.getNodeFactory()::textNode).toList());
        trace.send("Tracing.start", params);
        return trace;
    }

    private void send(String method, ObjectNode params) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", nextId++);
        message.put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
    }

    /**
     * Ends the trace, writes it to {@code file} in the trace-event format (Perfetto and the DevTools
     * Performance panel open it) and answers its summary: the renderer main thread's self time by event name.
     */
    Summary stop(Path file) throws Exception {
        send("Tracing.end", JSON.createObjectNode());
        complete.get(60, TimeUnit.SECONDS);
        Files.createDirectories(file.toAbsolutePath().getParent());
        synchronized (events) {
            ObjectNode out = JSON.createObjectNode();
            out.putArray("traceEvents").addAll(events);
            JSON.writeValue(file.toFile(), out);
        }
        return summarize();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            String method = message.path("method").asText();
            if (method.equals("Tracing.dataCollected")) {
                synchronized (events) {
                    message.path("params").path("value").forEach(events::add);
                }
            } else if (method.equals("Tracing.tracingComplete")) {
                complete.complete(null);
            }
        } catch (Exception e) {
            complete.completeExceptionally(e);
        }
    }

    /** Self time in ms by event name, and the busy total (top-level tasks), of one thread. */
    record Summary(double busyMs, Map<String, Double> selfMs) {
        /** The names that took the most self time, most first. */
        List<Map.Entry<String, Double>> top(int n) {
            return selfMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n).toList();
        }
    }

    private Summary summarize() {
        List<JsonNode> all;
        synchronized (events) {
            all = new ArrayList<>(events);
        }
        // The page's renderer: of the threads named CrRendererMain, the one with the most events.
        Map<String, Integer> mains = new HashMap<>();
        for (JsonNode e : all) {
            if (e.path("ph").asText().equals("M") && e.path("name").asText().equals("thread_name")
                    && e.path("args").path("name").asText().equals("CrRendererMain")) {
                mains.put(e.path("pid").asText() + ":" + e.path("tid").asText(), 0);
            }
        }
        for (JsonNode e : all) {
            mains.computeIfPresent(e.path("pid").asText() + ":" + e.path("tid").asText(), (k, v) -> v + 1);
        }
        String main = mains.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        List<Span> spans = new ArrayList<>();
        Map<String, Deque<JsonNode>> open = new HashMap<>();
        for (JsonNode e : all) {
            if (!(e.path("pid").asText() + ":" + e.path("tid").asText()).equals(main)) {
                continue;
            }
            String ph = e.path("ph").asText();
            long ts = e.path("ts").asLong();
            String name = e.path("name").asText();
            if (ph.equals("X")) {
                spans.add(new Span(name, ts, ts + e.path("dur").asLong()));
            } else if (ph.equals("B")) {
                open.computeIfAbsent(name, k -> new ArrayDeque<>()).push(e);
            } else if (ph.equals("E")) {
                Deque<JsonNode> stack = open.get(name);
                if (stack != null && !stack.isEmpty()) {
                    spans.add(new Span(name, stack.pop().path("ts").asLong(), ts));
                }
            }
        }
        // Nest by time: an event's self time is its span less its children's.
        spans.sort(Comparator.comparingLong(Span::start).thenComparing(Comparator.comparingLong(Span::end).reversed()));
        Map<String, Double> self = new HashMap<>();
        Deque<Span> stack = new ArrayDeque<>();
        long busy = 0;
        for (Span s : spans) {
            while (!stack.isEmpty() && stack.peek().end() <= s.start()) {
                stack.pop();
            }
            if (stack.isEmpty()) {
                busy += s.end() - s.start();
            } else {
                Span parent = stack.peek();
                long overlap = Math.min(parent.end(), s.end()) - s.start();
                self.merge(parent.name(), -overlap / 1000.0, Double::sum);
            }
            self.merge(s.name(), (s.end() - s.start()) / 1000.0, Double::sum);
            stack.push(s);
        }
        return new Summary(busy / 1000.0, self);
    }

    private record Span(String name, long start, long end) {
    }

    private static final class Listener implements WebSocket.Listener {
        private final TextMessages parts = new TextMessages();
        volatile DevToolsTrace trace;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            String text = parts.add(data, last);
            if (text != null) {
                trace.received(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
