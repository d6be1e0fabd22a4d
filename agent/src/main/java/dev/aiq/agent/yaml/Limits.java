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
 */
public record Limits(long maxFileBytes, int maxAliases, int maxNestingDepth, int maxIncludeDepth, int maxValues) {

    /** The limits used unless a caller says otherwise. */
    public static final Limits DEFAULT = new Limits(3L * 1024 * 1024, 50, 50, 16, 1_000_000);

    /** Checks that every limit is positive and that the file size stays below 2 GB, the most one read can hold. */
    public Limits {
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 16 || maxAliases <= 0 || maxNestingDepth <= 0
                || maxIncludeDepth <= 0 || maxValues <= 0) {
            throw new IllegalArgumentException("every limit must be positive and the file size below 2 GB: maxFileBytes="
                    + maxFileBytes + ", maxAliases=" + maxAliases + ", maxNestingDepth=" + maxNestingDepth
                    + ", maxIncludeDepth=" + maxIncludeDepth + ", maxValues=" + maxValues);
        }
    }

    /** Returns the file size limit in words, for example {@code 3 MB}. */
    String fileSizeInWords() {
        long mb = 1024 * 1024;
        if (maxFileBytes % mb == 0) {
            return maxFileBytes / mb + " MB";
        }
        if (maxFileBytes % 1024 == 0) {
            return maxFileBytes / 1024 + " KB";
        }
        return maxFileBytes + " bytes";
    }
}
