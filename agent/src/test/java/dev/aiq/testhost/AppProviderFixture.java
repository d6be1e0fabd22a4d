package dev.aiq.testhost;

import dev.aiq.api.ConfigProvider;

/** An app's own provider that wraps a framework's loader: it wins over the known loader. */
public final class AppProviderFixture {

    private AppProviderFixture() {
    }

    /** The app's provider. */
    @ConfigProvider
    public static String load(String path) {
        return KnownLoaderFixture.fromConfig(path);
    }
}
