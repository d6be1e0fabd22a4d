package dev.aiq.sample.ui;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.sample.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless {@code firefox-esr} driven over WebDriver BiDi, the W3C protocol Firefox speaks itself on a
 * WebSocket: no geckodriver (Debian has none). The browser starts with {@code --remote-debugging-port=0} and a fresh
 * profile ({@code ui/firefox-user.js}: BiDi only, no traffic but to 127.0.0.1), prints the address it listens on,
 * and this client opens {@code <address>/session}, sends {@code session.new} and then drives the one tab it has:
 * navigate, run a function in the page, click and type through {@code input.performActions}, take a screenshot.
 *
 * <p>Commands are sent one at a time from the test's thread; each answer is matched to its command by id, events
 * are ignored. Every command waits at most {@link #TIMEOUT}; an error answer fails the test with its message.
 */
final class FirefoxBidi implements AutoCloseable {

    static final Path FIREFOX = Path.of(System.getProperty("ui.firefox", "/usr/bin/firefox-esr"));
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** WebDriver's code points for the keys that are not characters. */
    static final String END = "\uE010";
    static final String BACKSPACE = "\uE003";

    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final List<String> output;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket socket;
    private final String context;

    private FirefoxBidi(Process process, Path profile, List<String> output, String address) {
        this.process = process;
        this.profile = profile;
        this.output = output;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(address + "/session"), new Answers()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        send("session.new", JSON.createObjectNode().set("capabilities", JSON.createObjectNode()));
        ObjectNode tree = JSON.createObjectNode().put("maxDepth", 0);
        this.context = send("browsingContext.getTree", tree).path("contexts").path(0).path("context").asText();
        ObjectNode viewport = JSON.createObjectNode().put("context", context);
        viewport.putObject("viewport").put("width", 1280).put("height", 860);
        send("browsingContext.setViewport", viewport);
    }

    /** Skips the calling test class where firefox-esr or the page is missing (see {@link PageTests}). */
    static void assumeAvailable(Path agentJar) {
        PageTests.assumeRunnable(agentJar, "apt-get install -y firefox-esr", FIREFOX);
    }

    /** Starts firefox-esr headless on a fresh profile and opens a BiDi session on its one tab. */
    static FirefoxBidi start() {
        Path profile;
        Process process;
        try {
            profile = Files.createTempDirectory("aiq-dev-firefox-");
            Files.writeString(profile.resolve("user.js"), TestResources.text("ui/firefox-user.js"));
            ProcessBuilder builder = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote",
                    "--profile", profile.toString(), "--remote-debugging-port=0", "about:blank")
                    .redirectErrorStream(true);
            builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + FIREFOX, e);
        }
        List<String> output = PageTests.outputOf(process, "firefox-output");
        String address = await().atMost(TIMEOUT).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(FIREFOX + " ended with " + process.exitValue() + ": " + output);
            }
            return output.stream().map(LISTENING::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElse(null);
        }, found -> found != null);
        try {
            return new FirefoxBidi(process, profile, output, address);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new AssertionError("no BiDi session with " + FIREFOX + " at " + address + ": " + e
                    + "; its output: " + output, e);
        }
    }

    /** Loads {@code url} in the tab and waits until the page and its scripts are loaded. */
    void navigate(String url) {
        send("browsingContext.navigate", JSON.createObjectNode().put("context", context).put("url", url)
                .put("wait", "complete"));
    }

    /**
     * Calls the JavaScript {@code function} in the page with string {@code arguments} and returns what it returned
     * (awaited if a promise) as BiDi's remote value: {@code {"type": "string", "value": ...}}, a node with its
     * {@code sharedId}, or {@code {"type": "null"}}.
     */
    JsonNode call(String function, String... arguments) {
        ObjectNode params = JSON.createObjectNode().put("functionDeclaration", function).put("awaitPromise", true)
                .put("resultOwnership", "none");
        params.putObject("target").put("context", context);
        ArrayNode values = params.putArray("arguments");
        for (String argument : arguments) {
            values.addObject().put("type", "string").put("value", argument);
        }
        JsonNode result = send("script.callFunction", params);
        if (!"success".equals(result.path("type").asText())) {
            throw new AssertionError("the page threw in " + function + ": " + result.path("exceptionDetails")
                    .path("text").asText(result.toString()));
        }
        return result.path("result");
    }

    /** {@link #call} for a function that returns a string, a number or a boolean, as text ("" for null). */
    String value(String function, String... arguments) {
        JsonNode value = call(function, arguments).path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** The rendered text of the element with this id, "" while there is none. */
    String text(String id) {
        return value("(id) => document.getElementById(id)?.innerText ?? ''", id);
    }

    /** Clicks the middle of the first element that matches {@code css}, as a mouse would. */
    void click(String css) {
        clickElement("(css) => document.querySelector(css)", css);
    }

    /** Clicks the middle of the element that {@code function} (called with {@code arguments}) returns. */
    void clickElement(String function, String... arguments) {
        JsonNode element = call("(...args) => { const e = (" + function + ")(...args);"
                + " e?.scrollIntoView({block: 'center'}); return e; }", arguments);
        if (!"node".equals(element.path("type").asText())) {
            throw new AssertionError("no element for " + function + " " + List.of(arguments));
        }
        ObjectNode mouse = pointer();
        ArrayNode steps = mouse.putArray("actions");
        ObjectNode move = steps.addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put("type", "element").putObject("element")
                .put("sharedId", element.path("sharedId").asText());
        steps.addObject().put("type", "pointerDown").put("button", 0);
        steps.addObject().put("type", "pointerUp").put("button", 0);
        perform(mouse);
    }

    /** Types {@code keys} into whatever has the focus: each a key pressed and released ({@link #END}, ...). */
    void type(String... keys) {
        ObjectNode keyboard = JSON.createObjectNode().put("type", "key").put("id", "keyboard");
        ArrayNode steps = keyboard.putArray("actions");
        Stream.of(keys).flatMap(key -> key.codePoints().mapToObj(Character::toString)).forEach(key -> {
            steps.addObject().put("type", "keyDown").put("value", key);
            steps.addObject().put("type", "keyUp").put("value", key);
        });
        perform(keyboard);
    }

    /** Saves the tab's viewport as {@code target/ui-screenshots/<name>.png}. */
    void screenshot(String name) {
        JsonNode shot = send("browsingContext.captureScreenshot", JSON.createObjectNode().put("context", context));
        PageTests.saveScreenshot(name, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            send("browser.close", JSON.createObjectNode());
        } catch (RuntimeException | AssertionError e) {
            // it may close the socket before it answers; the process is ended below either way
        }
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteProfile();
    }

    // ---- the protocol ------------------------------------------------------------------------------------------

    private ObjectNode pointer() {
        ObjectNode mouse = JSON.createObjectNode().put("type", "pointer").put("id", "mouse");
        mouse.putObject("parameters").put("pointerType", "mouse");
        return mouse;
    }

    private void perform(ObjectNode source) {
        ObjectNode params = JSON.createObjectNode().put("context", context);
        params.putArray("actions").add(source);
        send("input.performActions", params);
        send("input.releaseActions", JSON.createObjectNode().put("context", context));
    }

    /** Sends one command and returns its result; an error answer, a closed socket or no answer fails. */
    private JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        try {
            socket.sendText(command.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer in " + TIMEOUT + "; firefox said: " + output, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Reads each whole message and completes the command it answers; events (no id) are not needed here. */
    private final class Answers implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                answer(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void answer(String text) {
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            CompletableFuture<JsonNode> waiting = json.has("id") ? pending.get(json.path("id").asLong()) : null;
            if (waiting == null) {
                return;
            }
            if ("error".equals(json.path("type").asText())) {
                waiting.completeExceptionally(new IllegalStateException(json.path("error").asText() + ": "
                        + json.path("message").asText()));
            } else {
                waiting.complete(json.path("result"));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IllegalStateException("the BiDi socket closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        private void failAll(Throwable error) {
            pending.values().forEach(waiting -> waiting.completeExceptionally(error));
        }
    }

    // ---- the process -------------------------------------------------------------------------------------------

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temp directory harms nothing
        }
    }
}
