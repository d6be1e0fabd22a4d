package dev.aiq.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.options.ProviderSpec;
import dev.aiq.bootstrap.DevModeBridge;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Known loaders are hooked by class name and exact descriptor, and only when the app names no provider of its own. */
class KnownLoadersTest {

    private static final String FIXTURE = "dev/aiq/testhost/KnownLoaderFixture";
    private static final List<KnownLoaders.KnownLoader> FIXTURE_LOADER = List.of(new KnownLoaders.KnownLoader(
            "Fixture", "dev.aiq.testhost.KnownLoaderFixture", "fromConfig", "(Ljava/lang/String;)Ljava/lang/String;"));
    private final List<String> problems = new ArrayList<>();

    @AfterEach
    void resetBridge() {
        DevModeBridge.reset();
    }

    @Test
    void withoutOptionsOnlyTheKnownOverloadIsWoven() throws IOException {
        ProviderTransformer transformer = new ProviderTransformer(List.of(), FIXTURE_LOADER, problems::add);

        assertThat(transform(transformer, FIXTURE)).isNotNull();

        assertThat(transformer.slots()).singleElement().satisfies(slot -> {
            assertThat(slot.displayName()).isEqualTo("dev.aiq.testhost.KnownLoaderFixture#fromConfig");
            assertThat(slot.descriptor()).isEqualTo("(Ljava/lang/String;)Ljava/lang/String;");
            assertThat(KnownLoaders.of(FIXTURE_LOADER, slot)).isEqualTo(FIXTURE_LOADER.get(0));
        });
        assertThat(transformer.namedBySpec(FIXTURE)).as("found again at attach by name alone").isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void turnedOffTheLoaderIsLeftAlone() throws IOException {
        ProviderTransformer transformer = new ProviderTransformer(List.of(), List.of(), problems::add);

        assertThat(transform(transformer, FIXTURE)).isNull();
        assertThat(transformer.slots()).isEmpty();
        assertThat(transformer.namedBySpec(FIXTURE)).isFalse();
    }

    @Test
    void aProviderNamedWithProviderOptionWins() throws IOException {
        ProviderTransformer transformer = new ProviderTransformer(
                List.of(ProviderSpec.parse("com.acme.Loader#load")), FIXTURE_LOADER, problems::add);

        assertThat(transform(transformer, FIXTURE)).isNull();
        assertThat(transformer.slots()).isEmpty();
    }

    @Test
    void anAnnotatedProviderOfTheAppWins() throws IOException {
        ProviderTransformer transformer = new ProviderTransformer(List.of(), FIXTURE_LOADER, problems::add);
        assertThat(transform(transformer, "dev/aiq/testhost/AppProviderFixture")).isNotNull();
        int annotated = transformer.slots().size();

        assertThat(transform(transformer, FIXTURE)).as("the app's wrapper calls the loader: a nested call").isNull();
        assertThat(transformer.slots()).hasSize(annotated);
    }

    @Test
    void googleAdksLoaderIsKnown() {
        assertThat(KnownLoaders.declaredBy(KnownLoaders.ALL, "com/google/adk/agents/ConfigAgentUtils"))
                .extracting(KnownLoaders.KnownLoader::displayName)
                .isEqualTo("Google ADK (com.google.adk.agents.ConfigAgentUtils#fromConfig)");
    }

    private static byte[] transform(ProviderTransformer transformer, String internalName) throws IOException {
        try (InputStream in = KnownLoadersTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return transformer.transform(KnownLoadersTest.class.getClassLoader(), internalName, null, null,
                    in.readAllBytes());
        }
    }
}
