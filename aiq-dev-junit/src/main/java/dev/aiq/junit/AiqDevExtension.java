package dev.aiq.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension of the aiq-dev test kit: starts the app under the agent before the tests, hands them a
 * {@link DevApp}, stops the app after them, and adds the app's and the agent's output to every failure.
 *
 * <p>Declaratively, {@link AiqDevApp @AiqDevApp} on the test class. Programmatically:
 * <pre>{@code
 * @RegisterExtension
 * static final AiqDevExtension APP = AiqDevExtension.builder()
 *         .mainClass(GreetingApp.class, DevMode.class)
 *         .config("greeting.yaml", "greeting: Hello\n")
 *         .agentOptions("delay=0.05")
 *         .build();
 * }</pre>
 * A static field starts the app once for the class; an instance field starts one for each test.
 */
public final class AiqDevExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private final AppSpec spec;
    private DevApp app;
    private Path directory;
    private boolean perTest;
    /** The context that started the app: a {@code @Nested} class's callbacks leave the outer class's app alone. */
    private String owner;

    /** Made by JUnit for {@link AiqDevApp @AiqDevApp}; the spec is read from the annotation. */
    public AiqDevExtension() {
        this(null);
    }

    private AiqDevExtension(AppSpec spec) {
        this.spec = spec;
    }

    /** Starts building an extension to register with {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the running app.
     *
     * @throws IllegalStateException outside the tests' lifetime
     */
    public DevApp app() {
        if (app == null) {
            throw new IllegalStateException("the app runs only while the tests do");
        }
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (app == null) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (app == null) {
            perTest = true;
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevApp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return app();
    }

    /** Adds the app's and the agent's output to the failure, so the report shows what the app did. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (app != null) {
            failure.addSuppressed(new AppOutput(app.describe()));
        }
        throw failure;
    }

    /** The same for a failing {@code @BeforeEach} method. */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        handleTestExecutionException(context, failure);
    }

    /** The same for a failing {@code @AfterEach} method (a restore that did not get through, say). */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        handleTestExecutionException(context, failure);
    }

    private void start(ExtensionContext context) {
        AppSpec resolved = spec != null ? spec : fromAnnotation(context);
        try {
            directory = Files.createTempDirectory("aiq-dev-app-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        owner = context.getUniqueId();
        app = resolved.start(directory);
    }

    private void stop(ExtensionContext context) {
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        if (app != null) {
            app.close();
            app = null;
        }
        if (directory != null) {
            ConfigEditor.deleteQuietly(directory);
            directory = null;
        }
    }

    private static AppSpec fromAnnotation(ExtensionContext context) {
        Optional<AiqDevApp> found = context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, AiqDevApp.class));
        AiqDevApp annotation = found.orElseThrow(() -> new IllegalStateException(
                "AiqDevExtension needs @AiqDevApp on the test class, or build it with AiqDevExtension.builder()"));
        Builder builder = builder();
        if (annotation.mainClass() != void.class) {
            builder.mainClass(annotation.mainClass(), annotation.libraries());
        }
        if (!annotation.jar().isEmpty()) {
            builder.jar(Path.of(annotation.jar()));
        }
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        String name = Path.of(annotation.config()).getFileName().toString();
        return builder.config(name, resource(loader, annotation.config())).args(annotation.args())
                .agentOptions(annotation.agentOptions()).attach(annotation.attach(), annotation.attachArgs())
                .readyLine(annotation.readyLine())
                .jvmArgs(annotation.jvmArgs()).spec();
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's and the agent's output, added to a failing test's exception. */
    static final class AppOutput extends AssertionError {
        private static final long serialVersionUID = 1L;

        AppOutput(String output) {
            super("the app under test printed:\n" + output, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the output is the point, not where it was collected
        }
    }

    /** Builds an {@link AiqDevExtension}. */
    public static final class Builder {
        private String mainClass;
        private List<String> classPath = List.of();
        private Path jar;
        private String configName;
        private String configText;
        private SaveStyle configStyle = SaveStyle.IN_PLACE;
        private List<String> args = List.of(AppSpec.CONFIG_PLACEHOLDER);
        private String agentOptions = "";
        private boolean attach;
        private List<String> attachArgs = List.of();
        private String readyLine = "";
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {
        }

        /** The app's main class; its class path is where it and {@code libraries} were loaded from. */
        public Builder mainClass(Class<?> main, Class<?>... libraries) {
            return mainClass(main.getName(), AppProcess.classPathOf(main, libraries));
        }

        /** The app's main class and class path. */
        public Builder mainClass(String main, List<String> entries) {
            mainClass = main;
            classPath = List.copyOf(entries);
            return this;
        }

        /** The app's runnable jar. */
        public Builder jar(Path file) {
            jar = file;
            return this;
        }

        /** The config file's name and first content. */
        public Builder config(String name, String text) {
            configName = name;
            configText = text;
            return this;
        }

        /**
         * Writes the config's first content the way {@code style} names: {@link SaveStyle#SYMLINK_SWAP} or
         * {@link SaveStyle#KUBERNETES_CONFIGMAP} make the file a link from the start, as in a container.
         */
        public Builder configStyle(SaveStyle style) {
            configStyle = style;
            return this;
        }

        /** The app's arguments; {@value AppSpec#CONFIG_PLACEHOLDER} stands for the config file's path. */
        public Builder args(String... values) {
            args = List.of(values);
            return this;
        }

        /** The {@code -javaagent} options. */
        public Builder agentOptions(String options) {
            agentOptions = options;
            return this;
        }

        /** Starts the app plain and attaches the agent with {@code aiq-dev attach <pid> arguments}. */
        public Builder attach(boolean enabled, String... arguments) {
            attach = enabled;
            attachArgs = List.of(arguments);
            return this;
        }

        /** Waits for a line containing {@code text} before attaching, and before the tests run. */
        public Builder readyLine(String text) {
            readyLine = text;
            return this;
        }

        /** More JVM arguments. */
        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(Arrays.asList(values));
            return this;
        }

        /** An environment variable of the app. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Returns what the extension will start. */
        public AppSpec spec() {
            if (configName == null) {
                throw new IllegalStateException("name the config with config(name, text)");
            }
            return new AppSpec(mainClass, classPath, jar, configName, configText, configStyle, args, agentOptions,
                    attach, attachArgs, readyLine, jvmArgs, environment);
        }

        /** Returns the extension. */
        public AiqDevExtension build() {
            return new AiqDevExtension(spec());
        }
    }
}
