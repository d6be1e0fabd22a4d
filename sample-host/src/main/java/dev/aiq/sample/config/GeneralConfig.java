package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The {@code general} section.
 *
 * @param frontEnd {@code front_end}; null means {@link FrontEndConfig#DEFAULT}
 * @param testing  {@code testing}; null means {@link TestingConfig#NONE}
 * @param extra    every other key, for example {@code telemetry} or {@code use_uvloop}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneralConfig(
        FrontEndConfig frontEnd,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = TestingConfig.NoneFilter.class)
        TestingConfig testing,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** The general section of a config that has none. */
    public static final GeneralConfig DEFAULT = new GeneralConfig(null, null, null);

    /** Fills in the defaults and makes {@code extra} an unmodifiable copy sorted by key. */
    public GeneralConfig {
        frontEnd = frontEnd == null ? FrontEndConfig.DEFAULT : frontEnd;
        testing = testing == null ? TestingConfig.NONE : testing;
        extra = Trees.frozenSorted(extra);
    }
}
