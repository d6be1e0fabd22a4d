package dev.aiq.examples.spring;

import dev.aiq.api.ConfigProvider;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds a workflow file to a {@link WorkflowConfig} with Spring Boot's own machinery: {@link YamlPropertySourceLoader}
 * reads the YAML into property sources, {@link Binder} binds them to the records (relaxed names, conversions) and a
 * {@link ValidationBindHandler} checks the Jakarta constraints while binding.
 *
 * <p>{@link #load(Path)} is the method aiq-dev hooks ({@link ConfigProvider}): on a change of the file the agent
 * calls it again, so what Spring refuses is what dev mode refuses, with Spring's reason. A refusal is an
 * {@link IllegalArgumentException} whose message starts with the key's dotted path
 * ({@code llms.nim_llm.temperature: ...}), which the agent turns into the key's {@code file:line:column}.
 */
public final class WorkflowConfigLoader {

    /** Building a validator factory is slow (Hibernate Validator's bootstrap): once per JVM, and only if used. */
    private static final class Validators {
        static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    }

    private WorkflowConfigLoader() {
    }

    /**
     * Reads and binds the workflow file.
     *
     * @param file the workflow YAML
     * @return the bound, validated config; never null
     * @throws IllegalArgumentException if Spring cannot bind the file or a constraint fails (the message starts with
     *                                  the key's dotted path when there is one)
     * @throws UncheckedIOException     if the file cannot be read
     */
    @ConfigProvider
    public static WorkflowConfig load(Path file) {
        List<PropertySource<?>> yaml = read(file);
        Binder binder = new Binder(ConfigurationPropertySources.from(yaml));
        // unknown keys are refused (a misspelt key is a mistake, not a default), then every constraint is checked
        ValidationBindHandler handler = new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT),
                new SpringValidatorAdapter(Validators.FACTORY.getValidator()));
        try {
            return binder.bind(ConfigurationPropertyName.EMPTY, Bindable.of(WorkflowConfig.class), handler)
                    .orElseThrow(() -> new IllegalArgumentException(file + " has none of llms, functions, workflow"));
        } catch (BindException e) {
            // Spring's exception is kept as suppressed, not as the cause: aiq-dev reports the innermost cause's
            // message, and this one already says it with the key in front
            IllegalArgumentException refused = new IllegalArgumentException(new Refusal(yaml).reason(e));
            refused.addSuppressed(e);
            throw refused;
        }
    }

    private static List<PropertySource<?>> read(Path file) {
        try {
            return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Spring's refusal as {@code key: Spring's reason}, the key spelt as in the file ({@code llms.nim_llm.model_name},
     * where Spring says {@code llms.nimllm} or {@code model-name}). Spring's own message ("Failed to bind properties
     * under 'x' to double") names the key but not the reason, which is in the cause.
     */
    private static final class Refusal {

        private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])([A-Z])");

        private final Map<ConfigurationPropertyName, String> written = new HashMap<>();

        Refusal(List<PropertySource<?>> yaml) {
            for (PropertySource<?> source : yaml) {
                if (source instanceof EnumerablePropertySource<?> keys) {
                    for (String key : keys.getPropertyNames()) {
                        remember(ConfigurationPropertyName.adapt(key, '.'));
                    }
                }
            }
        }

        /** Every key of the file and every key above it, as the file spells it. */
        private void remember(ConfigurationPropertyName key) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < key.getNumberOfElements(); i++) {
                ConfigurationPropertyName prefix = key.chop(i + 1);
                String element = prefix.getLastElement(Form.ORIGINAL);
                text.append(prefix.isLastElementIndexed() ? "[" + element + "]" : (i == 0 ? "" : ".") + element);
                written.putIfAbsent(prefix, text.toString());
            }
        }

        String reason(BindException e) {
            if (e.getCause() instanceof BindValidationException invalid) {
                ValidationErrors errors = invalid.getValidationErrors();
                return errors.getAllErrors().stream().map(this::describe).collect(Collectors.joining("; "));
            }
            if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                return unbound.getUnboundProperties().stream().map(p -> spelt(p.getName()) + ": not a known key")
                        .sorted().collect(Collectors.joining("; "));
            }
            Throwable cause = e.getCause();
            String why = cause == null || cause.getMessage() == null ? e.getMessage() : cause.getMessage();
            String key = spelt(e.getName());
            return (key.isEmpty() ? "" : key + ": ") + why;
        }

        private String describe(ObjectError error) {
            if (!(error instanceof FieldError field)) {
                return error.getObjectName() + ": " + error.getDefaultMessage();
            }
            // the field's name in the file's style (model_name) is only a guess when the key is not in the file
            String snake = CAMEL_HUMP.matcher(field.getField()).replaceAll("_$1").toLowerCase(Locale.ROOT);
            ConfigurationPropertyName key = ConfigurationPropertyName.adapt(field.getObjectName() + "." + snake, '.');
            return spelt(key) + ": " + field.getDefaultMessage() + " (was " + field.getRejectedValue() + ")";
        }

        private String spelt(ConfigurationPropertyName name) {
            if (name.isEmpty()) {
                return "";
            }
            String key = written.get(name);
            if (key != null) {
                return key;
            }
            String parent = spelt(name.getParent());
            String last = name.getLastElement(Form.ORIGINAL);
            return name.isLastElementIndexed() ? parent + "[" + last + "]" : parent.isEmpty() ? last : parent + "." + last;
        }
    }
}
