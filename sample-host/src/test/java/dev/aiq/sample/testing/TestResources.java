package dev.aiq.sample.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The class-path resources of the sample host's tests (their fixtures) as text. */
public final class TestResources {

    private TestResources() {
    }

    /** Returns the text (UTF-8) of the class-path resource {@code name}; a missing one is a broken fixture. */
    public static String text(String name) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
