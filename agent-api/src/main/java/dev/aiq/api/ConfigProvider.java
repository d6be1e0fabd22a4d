package dev.aiq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that produces the app's workflow config: the one method aiq-dev instruments.
 *
 * <p>The method may be static or an instance method, take any parameters and return any type. Under the agent its
 * first call runs as written and is recorded (generation 1); later calls return the live config with one volatile
 * read. On a change the agent calls the method again, with the recorded arguments, to produce the new config, so the
 * app's own parsing, validation and {@code --override} handling decide what is valid.
 *
 * <p>The config file is found among the arguments (a {@code Path}, {@code File}, {@code String} or {@code URI} naming
 * an existing file); a {@link ConfigOverrides} argument receives live overrides set through the CLI. Without the
 * agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConfigProvider {
}
