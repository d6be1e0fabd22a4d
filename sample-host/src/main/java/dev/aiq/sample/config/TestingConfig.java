package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * {@code general.testing}: faults the reliability tests inject into this app.
 *
 * <p>They take effect only when the JVM runs with {@code -Dsample.faults=true} (see {@link #faultsEnabled()});
 * otherwise the keys are accepted and ignored.
 *
 * @param providerThrows      the config loader throws a {@code RuntimeException}
 * @param validatorThrows     the {@link SampleConfigValidator} throws
 * @param listenerThrows      the reload listener throws
 * @param listenerHangSeconds the reload listener blocks this many seconds before applying the config
 * @param extra               every other key
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record TestingConfig(
        boolean providerThrows,
        boolean validatorThrows,
        boolean listenerThrows,
        int listenerHangSeconds,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** No faults. */
    public static final TestingConfig NONE = new TestingConfig(false, false, false, 0, null);

    /** The system property that arms the faults. */
    public static final String FAULTS_PROPERTY = "sample.faults";

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public TestingConfig {
        extra = Trees.frozenSorted(extra);
    }

    /** Tells whether this config injects no fault and has no other key. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** Tells whether this JVM runs with {@code -Dsample.faults=true}. */
    public static boolean faultsEnabled() {
        return Boolean.getBoolean(FAULTS_PROPERTY);
    }

    /** Internal. Leaves {@code general.testing} out of JSON when it has nothing in it (Jackson's CUSTOM filter). */
    static final class NoneFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof TestingConfig testing && testing.isNone();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
