package dev.aiq.agent.yaml;

/**
 * The limits {@link YamlReader} enforces on every read, so that a hostile or broken config fails fast instead of
 * exhausting memory or stack. Internal.
 *
 * @param maxFileBytes    the largest file read, checked before parsing (default 3 MB)
 * @param maxAliases      the most aliases of lists or maps per file, SnakeYAML's "billion laughs" guard (default 50)
 * @param maxNestingDepth the deepest nesting of lists and maps within one file (default 50)
 * @param maxIncludeDepth the deepest chain of {@code !include} and {@code base:} references (default 16)
 * @param maxValues       the most values the finished tree may hold once aliases and repeated includes are expanded
 *                        (default 1,000,000)
 * @param maxTextChars    the most characters of keys and strings the finished tree may hold once aliases of
 *                        scalars, lists and maps and repeated includes are expanded (default 16 M): an alias of a
 *                        long string costs nothing to write and its full length everywhere it is shown
 */
public record Limits(long maxFileBytes, int maxAliases, int maxNestingDepth, int maxIncludeDepth, int maxValues,
                     long maxTextChars) {

    /** The limits used unless a caller says otherwise. */
    public static final Limits DEFAULT = new Limits(3L * 1024 * 1024, 50, 50, 16, 1_000_000, 16L * 1024 * 1024);

    /** The given limits with the default limit on text. */
    public Limits(long maxFileBytes, int maxAliases, int maxNestingDepth, int maxIncludeDepth, int maxValues) {
        this(maxFileBytes, maxAliases, maxNestingDepth, maxIncludeDepth, maxValues, DEFAULT_TEXT_CHARS);
    }

    private static final long DEFAULT_TEXT_CHARS = 16L * 1024 * 1024;

    /** Checks that every limit is positive and that the file size stays below 2 GB, the most one read can hold. */
    public Limits {
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 16 || maxAliases <= 0 || maxNestingDepth <= 0
                || maxIncludeDepth <= 0 || maxValues <= 0 || maxTextChars <= 0) {
            throw new IllegalArgumentException("every limit must be positive and the file size below 2 GB: maxFileBytes="
                    + maxFileBytes + ", maxAliases=" + maxAliases + ", maxNestingDepth=" + maxNestingDepth
                    + ", maxIncludeDepth=" + maxIncludeDepth + ", maxValues=" + maxValues + ", maxTextChars="
                    + maxTextChars);
        }
    }

    /** Returns the file size limit in words, for example {@code 3 MB}. */
    String fileSizeInWords() {
        return inWords(maxFileBytes, "bytes");
    }

    /** Returns the text limit in words, for example {@code 16 M characters}. */
    String textInWords() {
        return inWords(maxTextChars, "characters").replace("MB", "M characters").replace("KB", "K characters");
    }

    private static String inWords(long amount, String unit) {
        long mb = 1024 * 1024;
        if (amount % mb == 0) {
            return amount / mb + " MB";
        }
        if (amount % 1024 == 0) {
            return amount / 1024 + " KB";
        }
        return amount + " " + unit;
    }
}
