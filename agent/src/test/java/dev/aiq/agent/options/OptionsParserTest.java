package dev.aiq.agent.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsParserTest {

    @Test
    void noOptionsGiveTheDefaults() {
        AgentOptions o = OptionsParser.parse(null, Map.of());
        assertThat(o.config()).isNull();
        assertThat(o.providers()).isEmpty();
        assertThat(o.delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.delayText()).isEqualTo("0.5s");
        assertThat(o.poll()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.events()).isTrue();
        assertThat(o.maxAttempts()).isEqualTo(3);
        assertThat(o.history()).isEqualTo(10);
        assertThat(o.logLevel()).isEqualTo("info");
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void rootWidensTheProjectRootAndIsNoneByDefault() {
        assertThat(OptionsParser.parse("config.yml,root=/srv/shared", Map.of()).root()).isEqualTo(Path.of("/srv/shared"));
        assertThat(OptionsParser.parse("config.yml", Map.of()).root()).isNull();
        assertThat(OptionsParser.parse("root=", Map.of()).problems()).singleElement().asString()
                .contains("root=").contains("a value is required");
    }

    @Test
    void aBareFirstWordIsTheConfigAndPairsFollow() {
        AgentOptions o = OptionsParser.parse("config.yml,delay=0,poll=0,provider=com.acme.Loader#load,"
                + "provider=com.acme.Other#get,max_attempts=5,history=3,log=DEBUG,events=false,watch=a.txt;b.txt", Map.of());
        assertThat(o.config()).isEqualTo(Path.of("config.yml"));
        assertThat(o.delay()).isZero();
        assertThat(o.poll()).isZero();
        assertThat(o.providers()).containsExactly(new ProviderSpec("com.acme.Loader", "load"),
                new ProviderSpec("com.acme.Other", "get"));
        assertThat(o.maxAttempts()).isEqualTo(5);
        assertThat(o.history()).isEqualTo(3);
        assertThat(o.logLevel()).isEqualTo("debug");
        assertThat(o.events()).isFalse();
        assertThat(o.watch()).containsExactly(Path.of("a.txt"), Path.of("b.txt"));
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void theEnvironmentSetsDelayAndLogLevelButOptionsWin() {
        Map<String, String> env = Map.of("AIQ_DEV_MODE_DELAY", "1.25", "AIQ_LOG_LEVEL", "warning");
        assertThat(OptionsParser.parse("", env).delayText()).isEqualTo("1.25s");
        assertThat(OptionsParser.parse("", env).logLevel()).isEqualTo("warn");
        assertThat(OptionsParser.parse("delay=0.05", env).delayText()).isEqualTo("0.05s");
    }

    @Test
    void knownLoadersAreOnUnlessTurnedOff() {
        assertThat(OptionsParser.parse("", Map.of()).knownLoaders()).isTrue();
        assertThat(OptionsParser.parse("known_loaders=false", Map.of()).knownLoaders()).isFalse();
        AgentOptions malformed = OptionsParser.parse("known_loaders=no", Map.of());
        assertThat(malformed.knownLoaders()).isTrue();
        assertThat(malformed.problems()).containsExactly("aiq-dev: ignoring option known_loaders='no': expected true or false");
    }

    @Test
    void unknownAndMalformedOptionsAreOneLineEachAndKeepTheirDefaults() {
        AgentOptions o = OptionsParser.parse("colour=yes,delay=soon,max_attempts=0,provider=NoHash,log=loud,"
                + "events=maybe,extra", Map.of());
        assertThat(o.problems()).containsExactly(
                "aiq-dev: ignoring unknown option 'colour' (known: config, provider, delay, poll, events, watch,"
                        + " max_attempts, history, max_configs, log, timeout, override, root, known_loaders)",
                "aiq-dev: ignoring option delay='soon': expected seconds, e.g. 0.5",
                "aiq-dev: ignoring option max_attempts='0': expected a whole number from 1 to 10000",
                "aiq-dev: ignoring option provider='NoHash': provider 'NoHash' is not Class#method, e.g. com.acme.ConfigLoader#load",
                "aiq-dev: ignoring option log='loud': expected trace, debug, info, warn, error or off",
                "aiq-dev: ignoring option events='maybe': expected true or false",
                "aiq-dev: ignoring option 'extra': expected key=value");
        assertThat(o.delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.maxAttempts()).isEqualTo(3);
    }

    @Test
    void aRefusedOverrideIsNeverEchoed() {
        AgentOptions o = OptionsParser.parse("override==sk-LIVE-0123456789abcdef", Map.of());
        assertThat(o.problems()).singleElement().asString().startsWith("aiq-dev: ignoring option override:")
                .doesNotContain("sk-LIVE");
    }

    @Test
    void anOptionsFileLetsValuesHoldCommas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("options.txt");
        Files.writeString(file, "# dev mode for the demo\nconfig=/etc/my,odd dir/config.yml\n\n"
                + "override=workflow.tool_names=a,b\ndelay=0.1\n");
        AgentOptions o = OptionsParser.parse("@" + file, Map.of());
        assertThat(o.config()).isEqualTo(Path.of("/etc/my,odd dir/config.yml"));
        assertThat(o.overrides().entries()).hasSize(1);
        assertThat(o.overrides().entries().get(0).path()).isEqualTo("workflow.tool_names");
        assertThat(o.overrides().entries().get(0).value()).isEqualTo("a,b");
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void aMissingOptionsFileIsReported() {
        AgentOptions o = OptionsParser.parse("@/no/such/options.txt", Map.of());
        assertThat(o.problems()).singleElement().asString().startsWith("aiq-dev: cannot read options file /no/such/options.txt");
    }

    @Test
    void aSecondLoadKeepsWhatItDoesNotName() {
        AgentOptions running = OptionsParser.parse("config.yml,delay=0,poll=0,events=false,watch=a.txt,history=4", Map.of());

        AgentOptions bare = OptionsParser.parseOver("", running);
        assertThat(bare.delay()).isEqualTo(Duration.ZERO);
        assertThat(bare.poll()).isEqualTo(Duration.ZERO);
        assertThat(bare.events()).isFalse();
        assertThat(bare.history()).isEqualTo(4);
        assertThat(bare.watch()).containsExactly(Path.of("a.txt"));
        assertThat(bare.config()).isEqualTo(Path.of("config.yml"));

        AgentOptions some = OptionsParser.parseOver("delay=2,watch=b.txt", running);
        assertThat(some.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(some.events()).isFalse();
        assertThat(some.watch()).containsExactly(Path.of("b.txt"));
        assertThat(some.problems()).isEmpty();
    }
}
