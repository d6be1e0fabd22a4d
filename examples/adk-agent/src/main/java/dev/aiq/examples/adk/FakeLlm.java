package dev.aiq.examples.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a real model, registered with ADK's {@code LlmRegistry} for every model named
 * {@code fake-...}: it answers with what the agent's config made of the request (the agent's name, its model, its
 * temperature and its instruction), the turn number in the conversation, and what the user said. A message starting
 * with {@code /count } makes it call the {@code word_count} tool first, and one starting with {@code @NAME } makes it
 * hand the conversation to the agent NAME (ADK's {@code transfer_to_agent}), as a real model would. A message
 * {@code /slow PATH} is a slow model: it prints {@code slow model: waiting for PATH} and answers once that file exists,
 * so that a reload can happen while the turn is in flight.
 */
final class FakeLlm extends BaseLlm {

    /** The prefix of a message that makes the model call the tool. */
    static final String TOOL_PREFIX = "/count ";
    /** The prefix of a message whose answer waits for a file. */
    static final String SLOW_PREFIX = "/slow ";
    private static final Duration SLOW_AT_MOST = Duration.ofSeconds(120);

    /** How ADK's Identity step introduces the agent to the model: the end of the agent's own instruction. */
    private static final String IDENTITY = "You are an agent. Your internal name is \"";
    private static final Pattern AGENT_NAME = Pattern.compile(Pattern.quote(IDENTITY) + "([^\"]*)\"");
    private static final Pattern HANDOVER = Pattern.compile("@(\\w+) .*", Pattern.DOTALL);
    private static final String TRANSFER = "transfer_to_agent";
    /** How ADK's Contents step shows a sub-agent what other agents said. */
    private static final String OTHER_AGENT = "For context:";

    FakeLlm(String model) {
        super(model);
    }

    @Override
    public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
        List<Content> contents = request.contents();
        Content last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        FunctionResponse toolAnswer = last == null ? null : firstPart(last).flatMap(Part::functionResponse).orElse(null);
        String said = lastUserText(contents);
        if (toolAnswer == null && said.startsWith(SLOW_PREFIX)) {
            awaitFile(Path.of(said.substring(SLOW_PREFIX.length()).strip()));
        }
        Matcher handover = HANDOVER.matcher(said);
        Part answer;
        if (toolAnswer != null && toolAnswer.name().orElse("").equals(TRANSFER)) {
            return Flowable.empty();
        } else if (toolAnswer != null) {
            answer = Part.fromText(describe(request, contents) + " | tool " + toolAnswer.name().orElse("?") + " said "
                    + toolAnswer.response().orElse(Map.of()));
        } else if (said.startsWith(TOOL_PREFIX) && request.tools().containsKey(WordCountTool.NAME)) {
            answer = Part.builder().functionCall(FunctionCall.builder().name(WordCountTool.NAME)
                    .args(Map.of("text", said.substring(TOOL_PREFIX.length()))).build()).build();
        } else if (handover.matches() && !handover.group(1).equals(agentName(request))
                && request.tools().containsKey(TRANSFER)) {
            answer = Part.builder().functionCall(FunctionCall.builder().name(TRANSFER)
                    .args(Map.of("agent_name", handover.group(1))).build()).build();
        } else {
            answer = Part.fromText(describe(request, contents) + " | you said: " + said);
        }
        return Flowable.just(LlmResponse.builder().content(Content.builder().role("model").parts(answer).build()).build());
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
        throw new UnsupportedOperationException("the fake LLM answers turns only; it does not stream live");
    }

    private static void awaitFile(Path file) {
        System.out.println("slow model: waiting for " + file);
        long deadline = System.nanoTime() + SLOW_AT_MOST.toNanos();
        try {
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code [root model=fake-root temperature=0.2] <instruction> | turn 3}. */
    private String describe(LlmRequest request, List<Content> contents) {
        String temperature = request.config().flatMap(GenerateContentConfig::temperature).map(String::valueOf)
                .orElse("default");
        String instructions = request.getFirstSystemInstruction().orElse("");
        int identity = instructions.indexOf(IDENTITY);
        String instruction = (identity < 0 ? instructions : instructions.substring(0, identity)).strip().replace('\n', ' ');
        return "[" + agentName(request) + " model=" + request.model().orElse(model()) + " temperature=" + temperature
                + "] " + instruction + " | turn " + userTurns(contents);
    }

    private static String agentName(LlmRequest request) {
        for (String instruction : request.getSystemInstructions()) {
            Matcher m = AGENT_NAME.matcher(instruction);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "?";
    }

    private static long userTurns(List<Content> contents) {
        return contents.stream().filter(FakeLlm::isUserText).count();
    }

    private static String lastUserText(List<Content> contents) {
        for (int i = contents.size() - 1; i >= 0; i--) {
            if (isUserText(contents.get(i))) {
                return firstPart(contents.get(i)).flatMap(Part::text).orElse("");
            }
        }
        return "";
    }

    /** A user's message; not what ADK passes on as context from another agent ({@code For context: ...}). */
    private static boolean isUserText(Content content) {
        return "user".equals(content.role().orElse(""))
                && firstPart(content).flatMap(Part::text).filter(text -> !text.startsWith(OTHER_AGENT)).isPresent();
    }

    private static Optional<Part> firstPart(Content content) {
        return content.parts().filter(parts -> !parts.isEmpty()).map(parts -> parts.get(0));
    }
}
