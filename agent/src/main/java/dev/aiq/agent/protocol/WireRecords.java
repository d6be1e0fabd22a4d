package dev.aiq.agent.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol's records as {@link WireJson} values and back, the way Jackson would do it: every component by name, in
 * order, nulls included; read through the canonical constructor, fields this version does not know ignored, missing
 * ones left at their default (0, false, null). Internal.
 */
public final class WireRecords {

    private WireRecords() {
    }

    /**
     * {@code value} as a {@code type}.
     *
     * @throws IllegalArgumentException when the value does not fit (the other end is of another version), saying where
     */
    public static <T> T decode(Object value, Class<T> type) {
        return type.cast(convert(value, type, type.getSimpleName()));
    }

    /**
     * {@code value} as a tree of {@link WireJson} values: records and maps as objects, lists and arrays as lists,
     * instants, paths and enums as text, numbers, booleans and texts as they are, a date as its epoch milliseconds.
     */
    public static Object encode(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Path || value instanceof Instant || value instanceof CharSequence) {
            return value.toString();   // a path is also an Iterable of its names
        }
        if (value instanceof Record record) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    object.put(component.getName(), encode(accessor.invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, item) -> object.put(String.valueOf(key), encode(item)));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(encode(item)));
            return list;
        }
        if (value instanceof Object[] items) {
            List<Object> list = new ArrayList<>(items.length);
            for (Object item : items) {
                list.add(encode(item));
            }
            return list;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        return value.toString();
    }

    private static Object convert(Object value, Type type, String where) {
        Class<?> raw = raw(type);
        if (value == null) {
            return defaultOf(raw);
        }
        if (raw == Object.class) {
            return value;
        }
        if (raw == String.class) {
            if (value instanceof Map || value instanceof List) {
                throw mismatch(where, "a text");
            }
            return value.toString();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            throw mismatch(where, "true or false");
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            if (!(value instanceof Number number)) {
                throw mismatch(where, "a number");
            }
            return number(number, raw, where);
        }
        if (raw == Instant.class) {
            try {
                return value.toString().isBlank() ? null : Instant.parse(value.toString());
            } catch (DateTimeParseException e) {
                throw mismatch(where, "an ISO-8601 instant");
            }
        }
        if (raw == Path.class) {
            return Path.of(value.toString());
        }
        if (raw.isEnum()) {
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(value.toString())) {
                    return constant;
                }
            }
            throw mismatch(where, "one of " + List.of(raw.getEnumConstants()));
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> list)) {
                throw mismatch(where, "a list");
            }
            Type item = argument(type, 0);
            List<Object> converted = new ArrayList<>(list.size());
            for (Object element : list) {
                converted.add(convert(element, item, where + "[]"));
            }
            return converted;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(where, "an object");
            }
            Type item = argument(type, 1);
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, element) -> converted.put(String.valueOf(key), convert(element, item, where + "." + key)));
            return converted;
        }
        if (raw.isRecord()) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(where, "an object");
            }
            return record(raw, map, where);
        }
        throw new IllegalArgumentException(where + ": no way to read a " + raw.getName());
    }

    private static Object record(Class<?> type, Map<?, ?> fields, String where) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = convert(fields.get(components[i].getName()), components[i].getGenericType(),
                    where + "." + components[i].getName());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(where + ": " + e, e);
        }
    }

    private static Object number(Number number, Class<?> type, String where) {
        if (type == double.class || type == Double.class) {
            return number.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return number.floatValue();
        }
        if (number instanceof Double) {
            throw mismatch(where, "a whole number");
        }
        if (type == long.class || type == Long.class) {
            return number.longValue();
        }
        if (type == int.class || type == Integer.class) {
            long value = number.longValue();
            if (value != (int) value) {
                throw mismatch(where, "a number that fits in an int");
            }
            return (int) value;
        }
        throw new IllegalArgumentException(where + ": no way to read a " + type.getName());
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0f;
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static IllegalArgumentException mismatch(String where, String expected) {
        return new IllegalArgumentException(where + ": expected " + expected);
    }
}
