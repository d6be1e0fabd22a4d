package dev.aiq.agent.yaml;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands environment variables the way the NeMo Agent toolkit does: its loader calls the Python {@code expandvars}
 * package's {@code expand(text, surrounded_vars_only=True)} on the raw text of a config and again on every string of
 * the parsed tree. The same syntax set, with the same results and the same failures. Internal.
 *
 * <p>In the text: {@code ${NAME}} and the bash-style forms {@code ${NAME:-default}} (also {@code ${NAME-default}}: both
 * take the default when the variable is unset or empty), {@code ${NAME:=default}} (also sets it for the rest of the
 * read), {@code ${NAME:+alternative}}, {@code ${NAME:?message}} (fails when unset or empty), {@code ${NAME:offset}},
 * {@code ${NAME:offset:length}}, {@code ${#NAME}} (length), {@code ${!NAME}} (indirect) and {@code ${$}} (the process
 * id). A bare {@code $NAME} is kept as written, but inside a default it is expanded. {@code \$} is a literal
 * {@code $} and {@code \\} a literal backslash; a backslash before anything else is kept with it; a backslash that ends
 * the text is an error. An unset variable without a default is the empty string. An unclosed {@code ${} is an error.
 * A name is letters, digits and underscores (any script).
 *
 * <p>One instance serves one read, so that {@code ${NAME:=default}} is seen by the later references of that read, as
 * it is by the later ones of the toolkit's process.
 */
final class EnvExpander {

    /** Why a text cannot be expanded; {@code offset} is where, in the text given to {@link #expand}. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        private final int offset;

        Failure(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    /** Told about every top-level {@code ${NAME}} whose variable is not set, at its offset in the text. */
    @FunctionalInterface
    interface Unset {
        void variable(String name, int offset);
    }

    private static final String RECOVER_NULL = "EXPANDVARS_RECOVER_NULL";
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\d+(?:_\\d+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private enum Modifier { NONE, DEFAULT, SET_DEFAULT, ALTERNATIVE, OFFSET, STRICT, LENGTH }

    private final Map<String, String> env;
    private final Map<String, String> assigned = new HashMap<>();

    EnvExpander(Map<String, String> env) {
        this.env = env;
    }

    /** Returns whether {@code text} holds anything {@link #expand} could change. */
    static boolean mayChange(String text) {
        return text.indexOf('$') >= 0 || text.indexOf('\\') >= 0;
    }

    /**
     * Expands {@code text} as the toolkit's raw-text and tree passes do; {@code map}, when not null, is told where
     * every piece of the result came from.
     */
    String expand(String text, Unset unset, SourceMap.Builder map) throws Failure {
        return expand(text, true, unset, map);
    }

    /**
     * Expands {@code text} as expandvars' {@code expandvars(text)} does, a bare {@code $NAME} too: how the argument of
     * a reference is expanded. Package-private so tests can hold it to expandvars' own cases.
     */
    String expandBare(String text) throws Failure {
        return expand(text, false, null, null);
    }

    private String expand(String text, boolean surroundedOnly, Unset unset, SourceMap.Builder map) throws Failure {
        if (!mayChange(text)) {
            if (map != null) {
                map.literal(0, text.length());
            }
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        int literalFrom = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 == n) {
                    throw new Failure(i, "a backslash at the end of a text escapes nothing; write two for one"
                            + " (the toolkit's variable expansion refuses it too)");
                }
                char next = text.charAt(i + 1);
                if (next == '$' || next == '\\') {
                    literal(text, literalFrom, i, out, map);
                    replaced(String.valueOf(next), i, out, map);
                    literalFrom = i + 2;
                }
                i += 2;
            } else if (c == '$' && i + 1 < n && (text.charAt(i + 1) == '{'
                    || (!surroundedOnly && (isNameChar(text.codePointAt(i + 1)) || text.charAt(i + 1) == '$')))) {
                literal(text, literalFrom, i, out, map);
                Reference reference = read(text, i);
                replaced(value(reference, unset), i, out, map);
                i = reference.end;
                literalFrom = i;
            } else {
                i++;
            }
        }
        literal(text, literalFrom, n, out, map);
        return out.toString();
    }

    private static void literal(String text, int from, int to, StringBuilder out, SourceMap.Builder map) {
        if (from < to) {
            out.append(text, from, to);
            if (map != null) {
                map.literal(from, to - from);
            }
        }
    }

    private static void replaced(String value, int at, StringBuilder out, SourceMap.Builder map) {
        out.append(value);
        if (map != null) {
            map.replaced(at, value.length());
        }
    }

    /** One {@code ${...}} (or, inside a default, {@code $NAME}) as written, from its {@code $} to {@code end}. */
    private record Reference(int start, int end, String name, Modifier modifier, String argument, boolean indirect,
                             String text) {
    }

    /** Reads the reference whose {@code $} is at {@code start}, as expandvars' {@code _read_var} does. */
    private static Reference read(String text, int start) throws Failure {
        int n = text.length();
        int i = start + 1;
        StringBuilder name = new StringBuilder();
        StringBuilder argument = new StringBuilder();
        Modifier modifier = null;
        boolean indirect = false;
        boolean braced = false;
        boolean inArgument = false;
        int depth = 0;
        while (true) {
            if (i >= n) {
                if (braced) {
                    int lineEnd = text.indexOf('\n', start);
                    throw new Failure(start, "'${' is never closed: add the '}' to " + Text.quote(
                            text.substring(start, lineEnd < 0 ? n : lineEnd).stripTrailing()));
                }
                break;
            }
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (!braced && c == '{') {
                i++;
                braced = true;
                if (i < n && text.charAt(i) == '!') {
                    indirect = true;
                    i++;
                } else if (i < n && text.charAt(i) == '#') {
                    modifier = Modifier.LENGTH;
                    i++;
                }
            } else if (braced && !inArgument && c == '}') {
                i++;
                break;
            } else if (!inArgument && (isNameChar(c) || (c == '$' && name.length() == 0))) {
                name.appendCodePoint(c);
                i += width;
            } else if (braced && !inArgument && c == ':') {
                // A modifier already chosen (the length form, ${#NAME:...}) stays, as in expandvars.
                inArgument = true;
                i++;
            } else if (braced && (!inArgument || modifier == null)) {
                inArgument = true;
                argument.setLength(0);
                i += width;
                modifier = switch (c) {
                    case '-' -> Modifier.DEFAULT;
                    case '=' -> Modifier.SET_DEFAULT;
                    case '+' -> Modifier.ALTERNATIVE;
                    case '?' -> Modifier.STRICT;
                    default -> Modifier.OFFSET;
                };
                if (c == '}') {
                    break;
                }
                if (modifier == Modifier.OFFSET) {
                    argument.appendCodePoint(c);
                }
            } else if (inArgument) {
                i += width;
                if (c == '}' && depth == 0) {
                    break;
                }
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                argument.appendCodePoint(c);
            } else {
                break;
            }
        }
        return new Reference(start, i, name.toString(), modifier == null ? Modifier.NONE : modifier,
                argument.toString(), indirect, text.substring(start, i));
    }

    /** Returns what a reference expands to, as expandvars' {@code _expand_var} does. */
    private String value(Reference ref, Unset unset) throws Failure {
        if (ref.name().isEmpty()) {
            throw new Failure(ref.start(), "bad substitution " + Text.quote(ref.text()) + ": it names no variable");
        }
        String value = lookup(ref.name());
        if (ref.indirect()) {
            if (value == null) {
                throw new Failure(ref.start(), Text.quote(ref.text()) + ": invalid indirect expansion, "
                        + ref.name() + " is not set");
            }
            value = lookup(value);
        }
        String argument;
        try {
            // As in expandvars, the argument is expanded (bare $NAME too) whether it is used or not.
            argument = expand(ref.argument(), false, null, null);
        } catch (Failure inner) {
            throw new Failure(ref.start(), inner.getMessage());
        }
        boolean present = value != null && !value.isEmpty();
        String result = switch (ref.modifier()) {
            case LENGTH -> {
                if (!argument.isEmpty()) {
                    throw new Failure(ref.start(), "bad substitution " + Text.quote(ref.text()));
                }
                yield String.valueOf(value == null ? 0 : value.codePointCount(0, value.length()));
            }
            case DEFAULT -> present ? value : argument;
            case SET_DEFAULT -> {
                if (!present) {
                    assigned.put(ref.name(), argument);
                }
                yield present ? value : argument;
            }
            case ALTERNATIVE -> present ? argument : "";
            case OFFSET -> substring(ref, value, argument);
            case STRICT -> {
                if (present) {
                    yield value;
                }
                String recovered = lookup(RECOVER_NULL);
                if (recovered != null) {
                    yield recovered;
                }
                throw new Failure(ref.start(), "environment variable " + ref.name() + " is required ("
                        + Text.quote(ref.text()) + "): " + (argument.isEmpty() ? "parameter null or not set"
                        : Text.quote(argument)));
            }
            case NONE -> value;
        };
        if (result == null) {
            if (unset != null) {
                unset.variable(ref.name(), ref.start());
            }
            return "";
        }
        return result;
    }

    private String lookup(String name) {
        if (name.equals("$")) {
            return String.valueOf(ProcessHandle.current().pid());
        }
        String value = assigned.get(name);
        return value != null ? value : env.get(name);
    }

    /** {@code ${NAME:offset}} and {@code ${NAME:offset:length}}, with Python's slicing of the value's code points. */
    private static String substring(Reference ref, String value, String argument) throws Failure {
        if (argument.isEmpty()) {
            throw new Failure(ref.start(), "bad substitution " + Text.quote(ref.text()));
        }
        String[] parts = argument.split(":", -1);
        if (parts.length > 2) {
            throw new Failure(ref.start(), "bad substitution " + Text.quote(ref.text()));
        }
        String offsetText = parts[0].strip();
        long offset = isPythonInt(offsetText) ? pythonInt(offsetText) : 0;
        Long length = null;
        if (parts.length == 2) {
            String lengthText = parts[1].strip();
            if (!isPythonInt(lengthText)) {
                if (!lengthText.codePoints().allMatch(EnvExpander::isNameChar)) {
                    throw new Failure(ref.start(), Text.quote(ref.text()) + ": operand expected (error token is "
                            + Text.quote(lengthText) + ")");
                }
                length = 0L;
            } else {
                length = pythonInt(lengthText);
                if (length < 0) {
                    throw new Failure(ref.start(), Text.quote(ref.text()) + ": substring expression < 0");
                }
            }
        }
        int[] points = (value == null ? "" : value).codePoints().toArray();
        long size = points.length;
        long from = offset < 0 ? Math.max(0, size + offset) : Math.min(offset, size);
        long to = size;
        if (length != null) {
            long width = offset + length;
            to = width < 0 ? Math.max(0, size + width) : Math.min(width, size);
        }
        return from >= to ? "" : new String(points, (int) from, (int) (to - from));
    }

    private static boolean isPythonInt(String text) {
        return PYTHON_INT.matcher(text).matches();
    }

    /** Python's {@code int()}, clamped to what a slice of a string can use. */
    private static long pythonInt(String text) {
        StringBuilder digits = new StringBuilder();
        text.codePoints().filter(c -> c != '_').forEach(c -> {
            int digit = Character.digit(c, 10);
            digits.append(digit < 0 ? (char) c : (char) ('0' + digit));
        });
        BigInteger value = new BigInteger(digits.toString());
        BigInteger limit = BigInteger.valueOf(Integer.MAX_VALUE);
        return value.max(limit.negate()).min(limit).longValue();
    }

    /** Python's {@code str.isalnum() or c == "_"} for one character. */
    private static boolean isNameChar(int c) {
        if (c == '_' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
