package dev.aiq.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassBytesTest {

    /** Constants of every width, so that the walk must step over long and double entries (two slots each). */
    static final class Constants {
        static long wide() {
            return 1234567890123L;
        }

        static double wider() {
            return 3.25e100;
        }

        static float narrow() {
            return 1.5e10f;
        }

        static int plain() {
            return 123456789;
        }
    }

    @Test
    void findsTheProviderAnnotationInTheConstantPoolOfAnAnnotatedClassOnly() throws IOException {
        assertThat(ClassBytes.mayDeclareProvider(classBytes(WovenProviders.class))).isTrue();
        assertThat(ClassBytes.mayDeclareProvider(classBytes(Constants.class))).isFalse();
        assertThat(ClassBytes.mayDeclareProvider(classBytes(ClassBytesTest.class))).isFalse();
    }

    @Test
    void walksPastWideConstantsToAnEntryAfterThem() throws IOException {
        byte[] bytes = classBytes(Constants.class);
        // the method names come after the constants in the pool javac writes
        assertThat(ClassBytes.mayReference(bytes, "wider".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ClassBytes.mayReference(bytes, "narrower".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void truncatedBytesFallBackToSearchingEveryByte() throws IOException {
        byte[] whole = classBytes(WovenProviders.class);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        byte[] needle = "WovenProviders".getBytes(StandardCharsets.UTF_8);

        assertThat(ClassBytes.mayReference(truncated, needle))
                .isEqualTo(ClassBytes.contains(truncated, needle));
        assertThat(ClassBytes.mayReference(new byte[] {(byte) 0xCA, (byte) 0xFE}, needle)).isFalse();
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        String name = c.getName().substring(c.getPackageName().length() + 1);
        try (InputStream in = c.getResourceAsStream(name + ".class")) {
            return in.readAllBytes();
        }
    }
}
