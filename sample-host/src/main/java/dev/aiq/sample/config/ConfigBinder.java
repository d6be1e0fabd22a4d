package dev.aiq.sample.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** Internal. Binds a config tree to {@link WorkflowConfig}, turning Jackson's errors into path-first messages. */
final class ConfigBinder {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(WorkflowConfig.class);

    private ConfigBinder() {
    }

    /**
     * Binds {@code tree}, whose top-level keys have already been checked.
     *
     * @throws ConfigLoadException naming the path of the first value of the wrong kind
     */
    static WorkflowConfig bind(Map<String, Object> tree) throws ConfigLoadException {
        JsonNode json = MAPPER.valueToTree(tree);
        try {
            return READER.readValue(json);
        } catch (JsonMappingException e) {
            throw new ConfigLoadException(pathOf(e), problemOf(e));
        } catch (IOException e) {
            throw new ConfigLoadException("", e.getMessage());
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String problemOf(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid) {
            return "expected " + kindOf(invalid.getTargetType()) + ", got " + Quoted.value(invalid.getValue());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + kindOf(mismatched.getTargetType());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("invalid value");
    }

    private static String kindOf(Class<?> type) {
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a map";
        }
        return "a " + type.getSimpleName();
    }
}
