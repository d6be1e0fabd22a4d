package dev.aiq.examples.spring;

import dev.aiq.api.ConfigProvider;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Reads the workflow file into Spring properties and checks that Spring Boot binds them to
 * {@link WorkflowProperties}: {@link YamlPropertySourceLoader} (what {@code spring.config.import} uses for YAML) reads
 * the file, its keys are put under {@link WorkflowProperties#PREFIX}, and a {@link Binder} binds a new
 * {@code WorkflowProperties} from them as Spring Boot binds the bean: the class's own {@code @ConfigurationProperties}
 * settings (unknown keys refused), Spring Boot's conversions and the Jakarta constraints ({@code @Validated}).
 *
 * <p>{@link #load(Path)} is the method aiq-dev hooks ({@link ConfigProvider}): on a change of the file the agent calls
 * it again, so a file that Spring Boot would not bind is refused before it reaches the {@code Environment} or the
 * bean, with Spring's reason. A refusal is an {@link IllegalArgumentException} whose message starts with the key's
 * dotted path as written in the file ({@code llms.nim_llm.temperature: ...}), which the agent turns into the key's
 * {@code file:line:column}.
 */
public final class WorkflowConfigLoader {

    private static final ConfigurationProperties BINDING =
            WorkflowProperties.class.getAnnotation(ConfigurationProperties.class);
    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(BINDING.prefix());

    /** Building a validator factory is slow (Hibernate Validator's bootstrap): once per JVM, and only if used. */
    private static final class Validators {
        static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    }

    private WorkflowConfigLoader() {
    }

    /**
     * Reads the workflow file and checks that Spring Boot binds it.
     *
     * @param file the workflow YAML
     * @return its keys as Spring properties under {@code aiq.}; never null
     * @throws IllegalArgumentException if Spring cannot bind the file or a constraint fails (the message starts with
     *                                  the key's dotted path when there is one)
     * @throws UncheckedIOException     if the file cannot be read
     */
    @ConfigProvider
    public static WorkflowFile load(Path file) {
        List<PropertySource<?>> documents = read(file);
        PropertySource<?> properties = prefixed(documents);
        try {
            bind(properties);
        } catch (BindException e) {
            // Spring's exception is kept as suppressed, not as the cause: aiq-dev reports the innermost cause's
            // message, and this one already says it with the key in front
            IllegalArgumentException refused = new IllegalArgumentException(new Refusal(documents).reason(e));
            refused.addSuppressed(e);
            throw refused;
        }
        return new WorkflowFile(file, properties);
    }

    /**
     * Binds a new {@link WorkflowProperties} from {@code properties} alone, with the settings Spring Boot takes from
     * the class: its prefix, {@code ignoreUnknownFields}, and validation because it is {@code @Validated}; Spring
     * Boot's shared conversions (an app with {@code @ConfigurationPropertiesBinding} converters of its own would add
     * them here).
     *
     * @throws BindException when Spring refuses
     */
    static WorkflowProperties bind(PropertySource<?> properties) {
        // placeholders resolve against the file, the JVM's system properties and the environment variables; the
        // bean itself is bound from the whole Environment, where application.yml and the command line count too
        MutablePropertySources resolvable = new StandardEnvironment().getPropertySources();
        resolvable.addFirst(properties);
        Binder binder = new Binder(ConfigurationPropertySources.from(properties),
                new PropertySourcesPlaceholdersResolver(resolvable), ApplicationConversionService.getSharedInstance());
        BindHandler handler = new IgnoreTopLevelConverterNotFoundBindHandler();
        if (!BINDING.ignoreUnknownFields()) {
            handler = new NoUnboundElementsBindHandler(handler);
        }
        handler = new ValidationBindHandler(handler, new SpringValidatorAdapter(Validators.FACTORY.getValidator()));
        WorkflowProperties fresh = new WorkflowProperties();
        binder.bind(PREFIX, Bindable.ofInstance(fresh).withAnnotations(WorkflowProperties.class.getAnnotations()),
                handler);
        return fresh;
    }

    private static List<PropertySource<?>> read(Path file) {
        try {
            return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The documents' keys under the prefix, in one source; a later document's key wins, as in Spring Boot. */
    private static PropertySource<?> prefixed(List<PropertySource<?>> documents) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (PropertySource<?> document : documents) {
            if (document instanceof MapPropertySource map) {
                // the raw values keep their origin (the file's line and column) for Spring's own error reports
                map.getSource().forEach((key, value) -> keys.put(BINDING.prefix() + "." + key, value));
            }
        }
        return new OriginTrackedMapPropertySource(WorkflowFile.PROPERTY_SOURCE, keys, true);
    }

    /**
     * Spring's refusal as {@code key: Spring's reason}, the key spelt as in the file ({@code llms.nim_llm.model_name},
     * where Spring says {@code llms.nimllm} or {@code model-name}). Spring's own message ("Failed to bind properties
     * under 'x' to double") names the key but not the reason, which is in the cause.
     */
    private static final class Refusal {

        private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])([A-Z])");

        private final Map<ConfigurationPropertyName, String> written = new HashMap<>();

        Refusal(List<PropertySource<?>> documents) {
            for (PropertySource<?> source : documents) {
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
                // sorted: the validator reports them in no fixed order
                return errors.getAllErrors().stream().map(this::describe).sorted().collect(Collectors.joining("; "));
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
            if (PREFIX.isAncestorOf(name)) {
                return spelt(name.subName(PREFIX.getNumberOfElements()));
            }
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
