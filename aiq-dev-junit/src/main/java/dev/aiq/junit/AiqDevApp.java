package dev.aiq.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class's app in a child JVM under the aiq-dev agent, once for the class, and hands the tests a
 * {@link DevApp} parameter.
 *
 * <pre>{@code
 * @AiqDevApp(mainClass = GreetingApp.class, libraries = DevMode.class, config = "greeting.yaml",
 *         agentOptions = "delay=0.05")
 * class GreetingAppIT {
 *     @Test
 *     void anEditIsServed(DevApp app) { ... }
 * }
 * }</pre>
 *
 * <p>For options an annotation cannot carry (computed paths, environment), register {@link AiqDevExtension} built
 * with {@link AiqDevExtension#builder()} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(AiqDevExtension.class)
public @interface AiqDevApp {

    /** The app's main class (its class path: where it and {@link #libraries()} were loaded from), or {@link #jar()}. */
    Class<?> mainClass() default void.class;

    /** A class of each library the app needs on its class path, for example {@code DevMode.class}. */
    Class<?>[] libraries() default {};

    /** The app's runnable jar, instead of {@link #mainClass()}. */
    String jar() default "";

    /** The class-path resource copied into a fresh temp directory as the app's config file. */
    String config();

    /** The app's arguments; {@value AppSpec#CONFIG_PLACEHOLDER} stands for the config file's path. */
    String[] args() default {AppSpec.CONFIG_PLACEHOLDER};

    /** The agent's options ({@code -javaagent:aiq-dev.jar=<options>}), for example {@code delay=0.05}. */
    String agentOptions() default "";

    /** Start the app plain and load the agent with {@code aiq-dev attach <pid> <attachArgs>} instead. */
    boolean attach() default false;

    /** The arguments after {@code aiq-dev attach <pid>}, for example {@code {"--delay", "0.05"}}. */
    String[] attachArgs() default {};

    /** Text of the line the app prints when it is ready: attaching waits for it. */
    String readyLine() default "";

    /** More JVM arguments of the app. */
    String[] jvmArgs() default {};
}
