package dev.aiq.sample.shout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.plugin.FunctionPlugin;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ShoutFunctionTest {

    @Test
    void theJarListsTheFunctionForTheHostsServiceLoader() {
        assertThat(ServiceLoader.load(FunctionPlugin.class).stream().map(p -> p.type().getName()))
                .containsExactly(ShoutFunction.class.getName());
    }

    @Test
    void shoutsTheQuestion() {
        assertThat(new ShoutFunction().call("please shout hello")).isEqualTo("PLEASE SHOUT HELLO!");
    }
}
