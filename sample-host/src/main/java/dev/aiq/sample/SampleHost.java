package dev.aiq.sample;

import dev.aiq.api.ConfigProblem;
import dev.aiq.api.DevMode;
import dev.aiq.api.PluginException;
import dev.aiq.sample.config.ConfigLoadException;
import dev.aiq.sample.config.ConfigLoader;
import dev.aiq.sample.config.FrontEndConfig;
import dev.aiq.sample.config.SampleConfigValidator;
import dev.aiq.sample.config.TestingConfig;
import dev.aiq.sample.config.WorkflowConfig;
import dev.aiq.sample.http.HttpFrontEnd;
import dev.aiq.sample.plugin.SamplePlugins;
import dev.aiq.sample.workflow.Workflow;
import dev.aiq.sample.workflow.WorkflowBuilder;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The sample AIQ-style workflow app: {@code run console} or {@code serve fastapi} with a workflow YAML.
 *
 * <p>Reads the config through {@link ConfigLoader#load} (the {@code @ConfigProvider}), checks it with
 * {@link SampleConfigValidator}, builds the workflow and registers a reload listener, so under aiq-dev an edited
 * config is applied while it runs. stdout carries only answers (console) or the {@code Serving on URL} line (serve);
 * problems go to stderr as one line, with exit status 1.
 */
public final class SampleHost {

    /** How long a server being replaced may finish its requests. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private SampleHost() {
    }

    /**
     * Runs the app; see {@code --help}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line: parse, load, check, build, then run the front end until end of input (console) or until
     * the front end is closed at shutdown (serve).
     *
     * @return the exit status: 0, or 1 after a one-line message on {@code err}
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(List.of(args));
        } catch (UsageException e) {
            err.println("sample-host: " + e.getMessage() + " (see --help)");
            return 1;
        }
        if (arguments.command() == Arguments.Command.HELP) {
            out.print(Arguments.USAGE);
            return 0;
        }
        WorkflowBuilder builder = new WorkflowBuilder(Clock.systemDefaultZone());
        AtomicReference<Workflow> live;
        try {
            if (arguments.plugins() != null) {
                SamplePlugins.open(arguments.plugins());
            }
            live = new AtomicReference<>(builder.build(checked(ConfigLoader.load(arguments.configFile(),
                    arguments.overrides()))));
        } catch (ConfigLoadException e) {
            err.println("sample-host: invalid config: " + e.getMessage());
            return 1;
        } catch (PluginException e) {
            err.println("sample-host: cannot load the plugins: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("sample-host: cannot load the config: " + e);
            return 1;
        }
        return arguments.command() == Arguments.Command.SERVE
                ? serve(live, builder, out, err)
                : console(arguments, live, builder, in, out, err);
    }

    private static WorkflowConfig checked(WorkflowConfig config) throws ConfigLoadException {
        List<ConfigProblem> problems = new SampleConfigValidator().validate(config);
        if (!problems.isEmpty()) {
            // ConfigProblem prints as "path: message", so the line starts with the first offending key.
            throw new ConfigLoadException("", problems.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return config;
    }

    private static int console(Arguments arguments, AtomicReference<Workflow> live, WorkflowBuilder builder,
            InputStream in, PrintStream out, PrintStream err) {
        // A reload only swaps the workflow for the next question: stdout carries answers and nothing else.
        DevMode.onReload(WorkflowConfig.class,
                new HostReloader(live, builder, HostReloader.FrontEndMover.NONE, TestingConfig.faultsEnabled()));
        if (arguments.input() != null) {
            out.println(live.get().answer(arguments.input()));
            return 0;
        }
        try {
            BufferedReader questions = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String question = questions.readLine(); question != null; question = questions.readLine()) {
                out.println(live.get().answer(question));
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println("sample-host: cannot read stdin: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(AtomicReference<Workflow> live, WorkflowBuilder builder, PrintStream out,
            PrintStream err) {
        FrontEndConfig frontEnd = live.get().config().general().frontEnd();
        HttpFrontEnd http = new HttpFrontEnd(live::get, SampleHost::generation, GRACE);
        try {
            http.listenOn(frontEnd.host(), frontEnd.port());
        } catch (IOException e) {
            err.println("sample-host: cannot listen on " + frontEnd.host() + ":" + frontEnd.port() + ": "
                    + e.getMessage());
            http.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(http::close, "sample-host-shutdown"));
        DevMode.onReload(WorkflowConfig.class, new HostReloader(live, builder, moved -> {
            if (http.listenOn(moved.host(), moved.port())) {
                out.println("Serving on " + http.url());
            }
        }, TestingConfig.faultsEnabled()));
        out.println("Serving on " + http.url());
        try {
            http.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The generation {@code /health} reports: the agent's, or 1 (the config the app started with) without it. */
    private static long generation() {
        long generation = DevMode.generation();
        return generation > 0 ? generation : 1;
    }
}
