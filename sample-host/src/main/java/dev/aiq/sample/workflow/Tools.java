package dev.aiq.sample.workflow;

import dev.aiq.sample.config.FunctionConfig;
import dev.aiq.sample.plugin.FunctionPlugin;
import dev.aiq.sample.plugin.SamplePlugins;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Internal. Builds the fake tool for each function {@code _type}; all offline, all deterministic but the clock. */
final class Tools {

    private static final int DEFAULT_MAX_RESULTS = 3;
    private static final Pattern ARITHMETIC =
            Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*([-+*/x])\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern CITY = Pattern.compile("(?i)\\bin\\s+([a-z][a-z .'-]*[a-z])");

    private Tools() {
    }

    /**
     * Returns the tool for function {@code name}.
     *
     * @throws IllegalArgumentException if the function's {@code _type} is not one this app implements
     */
    static Tool function(String name, FunctionConfig function, Map<String, FakeLlm> llms, Clock clock) {
        int maxResults = function.maxResults() == null ? DEFAULT_MAX_RESULTS : function.maxResults();
        return switch (function.type()) {
            case "current_datetime" -> new Tool(name, List.of("time", "date", "today"),
                    question -> "it is " + ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case "wiki_search" -> new Tool(name, List.of("wiki", "who is", "who was", "history"),
                    question -> results("Wikipedia", question, maxResults));
            case "tavily_internet_search" -> new Tool(name, List.of("search", "news", "latest"),
                    question -> results("web", question, maxResults));
            case "webpage_query" -> new Tool(name, List.of("docs", "documentation", "page"),
                    question -> "2 passages from " + function.extraText("webpage_url", "the page")
                            + " about \"" + question + "\"");
            case "code_generation" -> new Tool(name, List.of("code", "program", "script"),
                    question -> generateCode(function, llms.get(function.llmName()), question));
            case "calculator" -> calculator(name);
            case "who_am_i" -> new Tool(name, List.of("who am i", "my name"),
                    question -> "you are signed in through '" + function.authProvider() + "'");
            case "nat_adk_demo/weather_update" -> new Tool(name, List.of("weather", "forecast"),
                    question -> "the weather in " + city(question) + " is sunny, 25 C");
            case "nat_adk_demo/get_city_time_tool" -> new Tool(name, List.of("time in", "clock"),
                    question -> "it is 10:30 in " + city(question) + " (sample data)");
            default -> plugin(name, function);
        };
    }

    /** The tool of a function whose {@code _type} a plugin provides; the tool keeps that plugin's code. */
    private static Tool plugin(String name, FunctionConfig function) {
        FunctionPlugin plugin = SamplePlugins.function(function.type());
        if (plugin == null) {
            throw new IllegalArgumentException(
                    "functions." + name + "._type: Unknown function type '" + function.type() + "'");
        }
        return new Tool(name, plugin.cues(), plugin::call);
    }

    /** Returns the tool for the calculator function or function group {@code name}. */
    static Tool calculator(String name) {
        return new Tool(name, List.of("calculate", "+", "*"), Tools::calculate);
    }

    private static String results(String source, String question, int count) {
        StringBuilder text = new StringBuilder().append(count).append(' ').append(source).append(" results for \"")
                .append(question).append('"');
        for (int i = 1; i <= count; i++) {
            text.append(i == 1 ? ": " : "; ").append('[').append(i).append("] ").append(source).append(" page ")
                    .append(i);
        }
        return text.toString();
    }

    private static String generateCode(FunctionConfig function, FakeLlm llm, String question) {
        String language = function.extraText("programming_language", "Python");
        String request = language + " code for \"" + question + "\"";
        return llm == null ? request : llm.complete(request);
    }

    private static String calculate(String question) {
        Matcher matcher = ARITHMETIC.matcher(question);
        if (!matcher.find()) {
            return "no arithmetic found";
        }
        double left = Double.parseDouble(matcher.group(1));
        double right = Double.parseDouble(matcher.group(3));
        String operator = matcher.group(2);
        double result = switch (operator) {
            case "+" -> left + right;
            case "-" -> left - right;
            case "/" -> left / right;
            default -> left * right;
        };
        return matcher.group() + " = " + format(result);
    }

    private static String format(double number) {
        if (Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }

    private static String city(String question) {
        String city = null;
        Matcher matcher = CITY.matcher(question);
        while (matcher.find()) {
            city = matcher.group(1);
        }
        return city == null ? "your city" : city;
    }
}
