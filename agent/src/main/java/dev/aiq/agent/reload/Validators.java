package dev.aiq.agent.reload;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * Runs the app's {@code dev.aiq.api.ConfigValidator}s, found with ServiceLoader in the provider's class loader.
 * Reflective, because the app's copy of agent-api may live in another class loader than the agent. Internal.
 */
final class Validators {

    private static final String API = "dev.aiq.api.ConfigValidator";

    /** One problem: a dotted path (may be empty) and a sentence. */
    record Problem(String path, String message) {
    }

    private final Map<ClassLoader, List<Object>> byLoader = new WeakHashMap<>();

    /** Checks {@code config}; a validator that throws is reported as a problem too. */
    List<Problem> check(Object config, ClassLoader loader) {
        List<Problem> problems = new ArrayList<>();
        for (Object validator : validators(loader)) {
            String name = validator.getClass().getName();
            try {
                Method configType = validator.getClass().getMethod("configType");
                configType.setAccessible(true);
                Class<?> type = (Class<?>) configType.invoke(validator);
                if (type == null || !type.isInstance(config)) {
                    continue;
                }
                Method validate = validator.getClass().getMethod("validate", Object.class);
                validate.setAccessible(true);
                List<?> found = (List<?>) validate.invoke(validator, config);
                if (found == null) {
                    continue;
                }
                for (Object p : found) {
                    problems.add(new Problem(call(p, "path"), call(p, "message")));
                }
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause();
                problems.add(new Problem("", "validator " + name + " failed: " + describe(cause)));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                problems.add(new Problem("", "validator " + name + " could not run: " + describe(e)));
            }
        }
        return problems;
    }

    private synchronized List<Object> validators(ClassLoader loader) {
        ClassLoader key = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        return byLoader.computeIfAbsent(key, l -> {
            List<Object> found = new ArrayList<>();
            try {
                Class<?> api = Class.forName(API, false, l);
                for (Object v : ServiceLoader.load(api, l)) {
                    found.add(v);
                }
            } catch (ClassNotFoundException noApi) {
                // the app does not use agent-api: no validators
            } catch (Throwable t) {
                found.add(new BrokenValidator(t));
            }
            return found;
        });
    }

    private static String call(Object target, String accessor) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(accessor);
        m.setAccessible(true);
        Object value = m.invoke(target);
        return value == null ? "" : value.toString();
    }

    static String describe(Throwable t) {
        return t == null ? "unknown error" : Reasons.of(t);
    }

    /** Stands for validators that could not even be loaded, so the problem is reported on every reload. */
    static final class BrokenValidator {
        private final Throwable cause;

        BrokenValidator(Throwable cause) {
            this.cause = cause;
        }

        public Class<?> configType() {
            return Object.class;
        }

        public List<Object> validate(Object config) {
            throw new IllegalStateException("validators could not be loaded: " + describe(cause));
        }
    }
}
