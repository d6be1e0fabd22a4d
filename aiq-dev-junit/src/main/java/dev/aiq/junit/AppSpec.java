package dev.aiq.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link AiqDevExtension} starts: the app (a main class and its class path, or a jar), its config (copied into
 * a fresh directory), its arguments, and how the agent gets in (at start-up with options, or attached afterwards).
 *
 * @param mainClass    the main class, or null for {@code jar}
 * @param classPath    the class path of {@code mainClass}
 * @param jar          the runnable jar, or null for {@code mainClass}
 * @param configName   the config file's name in its directory
 * @param configText   the config file's first content
 * @param configStyle  how the first content is written: {@link SaveStyle#SYMLINK_SWAP} or
 *                     {@link SaveStyle#KUBERNETES_CONFIGMAP} make the file a link from the start
 * @param args         the app's arguments, {@value #CONFIG_PLACEHOLDER} standing for the config file's path
 * @param agentOptions the {@code -javaagent} options
 * @param attach       whether to start the app plain and attach the agent with the CLI
 * @param attachArgs   the arguments after {@code aiq-dev attach <pid>} ({@code --config_file <config>} unless
 *                     they name one)
 * @param readyLine    text of the line the app prints when it is ready (attaching waits for it), or empty
 * @param jvmArgs      more JVM arguments
 * @param environment  environment variables of the app
 */
public record AppSpec(String mainClass, List<String> classPath, Path jar, String configName, String configText,
                      SaveStyle configStyle, List<String> args, String agentOptions, boolean attach,
                      List<String> attachArgs, String readyLine, List<String> jvmArgs,
                      Map<String, String> environment) {

    /** The argument that stands for the config file's path. */
    public static final String CONFIG_PLACEHOLDER = "{config}";

    /** Copies the lists and checks that there is an app to start. */
    public AppSpec {
        if ((mainClass == null) == (jar == null)) {
            throw new IllegalArgumentException("name either a main class or a jar");
        }
        classPath = List.copyOf(classPath);
        args = List.copyOf(args);
        attachArgs = List.copyOf(attachArgs);
        jvmArgs = List.copyOf(jvmArgs);
        environment = Map.copyOf(environment);
    }

    /**
     * Writes the config into {@code directory}, starts the app and waits until dev mode is active in it.
     *
     * @throws AssertionError with the app's output when it does not get there
     */
    public DevApp start(Path directory) {
        ConfigEditor editor = ConfigEditor.in(directory);
        Path config = editor.write(configStyle, configName, configText);
        AppProcess.Builder builder = mainClass != null ? AppProcess.mainClass(mainClass, classPath)
                : AppProcess.jar(jar);
        builder.jvmArgs(jvmArgs).workingDirectory(directory);
        if (!attach) {
            builder.jvmArgs(AgentJar.javaagent(agentOptions));
        }
        List<String> resolved = new ArrayList<>();
        for (String arg : args) {
            resolved.add(arg.replace(CONFIG_PLACEHOLDER, config.toString()));
        }
        builder.args(resolved);
        environment.forEach(builder::env);
        DevApp app = new DevApp(builder.start(), editor, configName);
        try {
            if (!readyLine.isEmpty()) {
                app.process().awaitLine(readyLine);
            }
            if (attach) {
                attach(app, config);
            }
            return app.awaitActive();
        } catch (RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
    }

    /** Attaches with the config file named, so dev mode is active at once, not at the provider's next call. */
    private void attach(DevApp app, Path config) {
        List<String> command = new ArrayList<>(List.of("attach", Long.toString(app.pid())));
        if (!attachArgs.contains("--config_file") && !attachArgs.contains("--config-file")) {
            command.addAll(List.of("--config_file", config.toString()));
        }
        command.addAll(attachArgs);
        AiqDevCli.Result attached = AiqDevCli.run(command.toArray(String[]::new));
        app.agentPrinted(attached.toString());
        if (attached.exitCode() != 0) {
            throw new AssertionError("attaching failed: " + app.describe());
        }
    }
}
