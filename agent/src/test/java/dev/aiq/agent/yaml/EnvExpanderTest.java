package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expansion is held to the cases of the Python {@code expandvars} package's own test suite (tests/test_expandvars.py
 * at v1.1.2), which the toolkit calls: same environment, same text, same result or the same failure.
 */
class EnvExpanderTest {

    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    static Stream<Arguments> expandvarsCases() {
        Map<String, String> none = Map.of();
        Map<String, String> foo = Map.of("FOO", "bar", "BIZ", "buz");
        Map<String, String> defaults = Map.of("ALTERNATE", "Alternate", "EMPTY", "");
        Map<String, String> substitute = Map.of("FOO", "bar", "BUZ", "bar", "EMPTY", "");
        Map<String, String> offset = Map.of("FOO", "damnbigfoobar", "THREE", "3", "TWO", "2");
        Map<String, String> indirect = Map.of("FOO", "X", "X", "foo");
        Map<String, String> length = Map.of("THREE", "abc", "FOUR", "abcd", "SIX", "abcdef");
        Map<String, String> escape = Map.of("FOO", "foo", "BAR", "bar");
        return Stream.of(
                Arguments.of(none, "${SOME_UNKNOWN_VAR:0:10}", ""),
                Arguments.of(none, "${#SOME_UNKNOWN_VAR}", "0"),
                Arguments.of(none, "FOO", "FOO"),
                Arguments.of(none, "$", "$"),
                Arguments.of(none, "BAR$", "BAR$"),
                Arguments.of(none, "", ""),
                Arguments.of(none, "$FOO", ""),
                Arguments.of(foo, "$FOO", "bar"),
                Arguments.of(foo, "${FOO}", "bar"),
                Arguments.of(foo, "${FOO}:$BIZ", "bar:buz"),
                Arguments.of(foo, "$FOO$BIZ", "barbuz"),
                Arguments.of(foo, "${FOO}$BIZ", "barbuz"),
                Arguments.of(foo, "$FOO${BIZ}", "barbuz"),
                Arguments.of(foo, "$FOO-$BIZ", "bar-buz"),
                Arguments.of(foo, "boo$BIZ", "boobuz"),
                Arguments.of(foo, "boo${BIZ}", "boobuz"),
                Arguments.of(none, "$$", PID),
                Arguments.of(none, "PID( ${$} )", "PID( " + PID + " )"),
                Arguments.of(defaults, "${FOO-default}", "default"),
                Arguments.of(defaults, "${FOO:-default}", "default"),
                Arguments.of(defaults, "${EMPTY:-default}", "default"),
                Arguments.of(defaults, "${FOO:-}", ""),
                Arguments.of(defaults, "${FOO:-foo}:${FOO-bar}", "foo:bar"),
                Arguments.of(defaults, "${FOO:-$ALTERNATE}", "Alternate"),
                Arguments.of(defaults, "${UNSET:-\\$foo}-\\$foo", "$foo-$foo"),
                Arguments.of(substitute, "${FOO:+foo}", "foo"),
                Arguments.of(substitute, "${FOO+foo}", "foo"),
                Arguments.of(substitute, "${BAR:+foo}", ""),
                Arguments.of(substitute, "${BAR+foo}", ""),
                Arguments.of(substitute, "${EMPTY:+foo}", ""),
                Arguments.of(substitute, "${BAR:+}", ""),
                Arguments.of(substitute, "${BUZ+foo}:bar", "foo:bar"),
                Arguments.of(substitute, "${FOO:+${FOO};}", "bar;"),
                Arguments.of(substitute, "${BAR:+${BAR};}", ""),
                Arguments.of(substitute, "${BAR:+${EMPTY};}", ""),
                Arguments.of(substitute, "${FOO:+\\$foo}-\\$foo", "$foo-$foo"),
                Arguments.of(offset, "${FOO:3}", "nbigfoobar"),
                Arguments.of(offset, "${FOO:$THREE}", "nbigfoobar"),
                Arguments.of(offset, "${FOO:${THREE}}", "nbigfoobar"),
                Arguments.of(offset, "${FOO: 4 }", "bigfoobar"),
                Arguments.of(offset, "${FOO:30}", ""),
                Arguments.of(offset, "${FOO:0}", "damnbigfoobar"),
                Arguments.of(offset, "${FOO: }", "damnbigfoobar"),
                Arguments.of(offset, "${FOO: : }", ""),
                Arguments.of(offset, "${FOO:-3}:bar", "damnbigfoobar:bar"),
                Arguments.of(offset, "${FOO::}", ""),
                Arguments.of(offset, "${FOO::aaa}", ""),
                Arguments.of(offset, "${FOO: :2}", "da"),
                Arguments.of(offset, "${FOO: :$TWO}", "da"),
                Arguments.of(offset, "${FOO: :${TWO}}", "da"),
                Arguments.of(offset, "${FOO:aaa:2}", "da"),
                Arguments.of(offset, "${FOO:4:3}", "big"),
                Arguments.of(offset, "${FOO: 7:6 }", "foobar"),
                Arguments.of(offset, "${FOO:7: 100 }", "foobar"),
                Arguments.of(offset, "${FOO:70:10}", ""),
                Arguments.of(offset, "${FOO:1:0}", ""),
                Arguments.of(offset, "${FOO:0:}", ""),
                Arguments.of(offset, "${FOO::5}", "damnb"),
                Arguments.of(offset, "${FOO:-3:1}:bar", "damnbigfoobar:bar"),
                Arguments.of(indirect, "${!FOO}:${FOO}", "foo:X"),
                Arguments.of(indirect, "${!FOO-default}", "foo"),
                Arguments.of(indirect, "${!X-default}", "default"),
                Arguments.of(length, "${#THREE}", "3"),
                Arguments.of(length, "${#THREE}${#FOUR}", "34"),
                Arguments.of(length, "foo${#SIX}$SIX", "foo6abcdef"),
                Arguments.of(escape, "\\$FOO\\$BAR", "$FOO$BAR"),
                Arguments.of(escape, "\\\\$FOO", "\\foo"),
                Arguments.of(escape, "$FOO\\$BAR", "foo$BAR"),
                Arguments.of(escape, "\\$FOO$BAR", "$FOObar"),
                Arguments.of(escape, "$FOO\\\\\\$BAR", "foo\\$BAR"),
                Arguments.of(escape, "$FOO\\$", "foo$"),
                Arguments.of(escape, "$\\FOO", "$\\FOO"),
                Arguments.of(escape, "$\\$FOO", "$$FOO"),
                Arguments.of(escape, "D:\\\\\\some\\windows\\path", "D:\\\\some\\windows\\path"),
                Arguments.of(none, "${FOO:-{}}{}{}{}{{}}", "{}{}{}{}{{}}"),
                Arguments.of(none, "${FOO-{}}{}{}{}{{}}", "{}{}{}{}{{}}"),
                Arguments.of(Map.of("FOO", "foo"), "${FOO:?custom err}", "foo"),
                Arguments.of(Map.of("FOO", "foo"), "${FOO?custom err}:bar", "foo:bar"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("expandvarsCases")
    void expandsAsExpandvarsDoes(Map<String, String> env, String text, String expected) throws Exception {
        assertThat(new EnvExpander(env).expandBare(text)).isEqualTo(expected);
    }

    static Stream<Arguments> expandvarsFailures() {
        Map<String, String> foo = Map.of("FOO", "damnbigfoobar");
        return Stream.of(
                Arguments.of(Map.of(), "${FOO:?}", "parameter null or not set"),
                Arguments.of(Map.of(), "${FOO?}", "parameter null or not set"),
                Arguments.of(Map.of(), "${FOO:?custom error}", "'custom error'"),
                Arguments.of(Map.of(), "${FOO?custom error}", "'custom error'"),
                Arguments.of(Map.of("FOO", "foo"), "$FOO\\", "escapes nothing"),
                Arguments.of(foo, "${FOO:1:-3}", "substring expression < 0"),
                Arguments.of(foo, "${FOO:}", "bad substitution"),
                Arguments.of(foo, "${}", "bad substitution"),
                Arguments.of(foo, "${FOO:1:2:3}", "bad substitution"),
                Arguments.of(foo, "${#FOO:-default}", "bad substitution"),
                Arguments.of(foo, "${#FOO:1}", "bad substitution"),
                Arguments.of(Map.of(), "${!FOO}", "invalid indirect expansion"),
                Arguments.of(foo, "${FOO:", "never closed"),
                Arguments.of(foo, "${FOO}${BAR", "never closed"),
                Arguments.of(foo, "${FOO?", "never closed"),
                Arguments.of(foo, "${FOO:1", "never closed"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("expandvarsFailures")
    void failsWhereExpandvarsFails(Map<String, String> env, String text, String reason) {
        assertThatThrownBy(() -> new EnvExpander(env).expandBare(text))
                .isInstanceOf(EnvExpander.Failure.class)
                .hasMessageContaining(reason)
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theToolkitsModeExpandsOnlyBracedReferences() throws Exception {
        EnvExpander expander = new EnvExpander(Map.of("HOST", "0.0.0.0"));

        assertThat(expander.expand("$HOST ${HOST} $$ ${HOST:-x}", null, null)).isEqualTo("$HOST 0.0.0.0 $$ 0.0.0.0");
        assertThat(expander.expand("${UNSET:-$HOST}", null, null)).isEqualTo("0.0.0.0");
    }

    @Test
    void anAssignedDefaultIsSeenByTheLaterReferencesOfTheSameRead() throws Exception {
        EnvExpander expander = new EnvExpander(new HashMap<>(Map.of("EMPTY", "")));

        assertThat(expander.expand("${FOO:=default} ${FOO} ${FOO:=ignored} ${EMPTY:=set}", null, null))
                .isEqualTo("default default default set");
        assertThat(new EnvExpander(Map.of()).expand("${FOO}", null, null)).isEmpty();
    }

    @Test
    void theRecoveryVariableStandsInForARequiredOne() throws Exception {
        assertThat(new EnvExpander(Map.of("EXPANDVARS_RECOVER_NULL", "foo")).expand("${FOO:?}", null, null))
                .isEqualTo("foo");
    }

    @Test
    void anUnsetVariableIsReportedAtItsOffsetOnlyWhenItHasNoDefault() throws Exception {
        StringBuilder seen = new StringBuilder();

        new EnvExpander(Map.of()).expand("a ${ONE} ${TWO:-x} ${THREE}", (name, at) -> seen.append(name).append('@')
                .append(at).append(' '), null);

        assertThat(seen).hasToString("ONE@2 THREE@19 ");
    }
}
