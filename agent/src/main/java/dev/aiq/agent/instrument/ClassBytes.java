package dev.aiq.agent.instrument;

/**
 * A cheap look into a class file, for the transformer that sees every class the host loads. Internal.
 *
 * <p>Walks the constant pool entry by entry instead of searching every byte: a few hundred steps per class rather
 * than several thousand, and nothing after the pool (the code) is read at all.
 */
final class ClassBytes {

    private static final int CONSTANT_POOL_START = 10;
    private static final byte[] PROVIDER_ANNOTATION =
            ProviderWeaver.ANNOTATION.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private ClassBytes() {
    }

    /** Tells whether the class file may annotate a method {@code @ConfigProvider} (see {@link #mayReference}). */
    static boolean mayDeclareProvider(byte[] classFile) {
        return mayReference(classFile, PROVIDER_ANNOTATION);
    }

    /**
     * Tells whether the class file's constant pool holds {@code utf8} (for example a type descriptor, which is how
     * an annotation is named there). Errs on the side of yes: a pool it cannot walk (a newer tag, truncated bytes)
     * falls back to searching every byte.
     */
    static boolean mayReference(byte[] classFile, byte[] utf8) {
        try {
            int count = u2(classFile, CONSTANT_POOL_START - 2);
            int at = CONSTANT_POOL_START;
            for (int index = 1; index < count; index++) {
                switch (classFile[at]) {
                    case 1 -> { // Utf8: u2 length, then the bytes
                        int length = u2(classFile, at + 1);
                        if (length == utf8.length && regionMatches(classFile, at + 3, utf8)) {
                            return true;
                        }
                        at += 3 + length;
                    }
                    case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                    case 15 -> at += 4; // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                    case 5, 6 -> { // Long, Double take two slots
                        at += 9;
                        index++;
                    }
                    default -> {
                        return contains(classFile, utf8);
                    }
                }
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return contains(classFile, utf8);
        }
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static boolean regionMatches(byte[] bytes, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** A plain search of every byte. */
    static boolean contains(byte[] haystack, byte[] needle) {
        int last = haystack.length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (haystack[i] == needle[0] && regionMatches(haystack, i, needle)) {
                return true;
            }
        }
        return false;
    }
}
