package dev.aiq.sample.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Internal. The NeMo Agent toolkit's variable expansion, as its loader runs it (the Python {@code expandvars} package,
 * {@code expand(text, surrounded_vars_only=True)}) over a file's raw text and again over each string of the parsed
 * tree: {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR-default}}, {@code ${VAR:=default}},
 * {@code ${VAR:+alternative}}, {@code ${VAR:?message}}, {@code ${VAR:offset:length}}, {@code ${#VAR}},
 * {@code ${!VAR}}, {@code ${$}}; {@code \$} and {@code \\} escapes. What the toolkit refuses fails here too.
 */
final class ToolkitVariables {

    /** A text the toolkit would refuse to expand. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> environment;
    private final Map<String, String> setDuringThisRead = new HashMap<>();

    ToolkitVariables(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The toolkit's pass: only braced references count. */
    String expand(String text) throws Refused {
        return new Cursor(text, true).expandAll();
    }

    private String variable(String name) {
        if (name.equals("$")) {
            return Long.toString(ProcessHandle.current().pid());
        }
        return setDuringThisRead.containsKey(name) ? setDuringThisRead.get(name) : environment.get(name);
    }

    /** {@code ${VAR:offset}} and {@code ${VAR:offset:length}}: Python's slicing of the value's characters. */
    private static String slice(String written, String value, String argument) throws Refused {
        String[] parts = argument.split(":", -1);
        if (argument.isEmpty() || parts.length > 2) {
            throw new Refused("bad substitution " + Quoted.value(written));
        }
        int[] chars = (value == null ? "" : value).codePoints().toArray();
        long offset = integer(parts[0].strip()) == null ? 0 : integer(parts[0].strip());
        long end = chars.length;
        if (parts.length == 2) {
            String lengthText = parts[1].strip();
            Long length = integer(lengthText);
            if (length == null && !lengthText.codePoints().allMatch(ToolkitVariables::nameChar)) {
                throw new Refused(Quoted.value(written) + ": operand expected");
            }
            if (length != null && length < 0) {
                throw new Refused(Quoted.value(written) + ": substring expression < 0");
            }
            end = offset + (length == null ? 0 : length);
            end = end < 0 ? Math.max(0, chars.length + end) : Math.min(end, chars.length);
        }
        long from = offset < 0 ? Math.max(0, chars.length + offset) : Math.min(offset, chars.length);
        return from >= end ? "" : new String(chars, (int) from, (int) (end - from));
    }

    /** Python's {@code int(text)} for the texts a slice takes, or null when it is not one; huge values clamped. */
    private static Long integer(String text) {
        if (!text.matches("(?U)[+-]?\\d+(_\\d+)*")) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        text.codePoints().filter(c -> c != '_')
                .forEach(c -> digits.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        java.math.BigInteger number = new java.math.BigInteger(digits.toString());
        return number.max(java.math.BigInteger.valueOf(-Integer.MAX_VALUE))
                .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
    }

    private static boolean nameChar(int c) {
        int type = Character.getType(c);
        return c == '_' || Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** One pass over one text, in the manner of expandvars' peekable iterator. */
    private final class Cursor {

        private final String text;
        private final boolean bracedOnly;
        private int at;

        Cursor(String text, boolean bracedOnly) {
            this.text = text;
            this.bracedOnly = bracedOnly;
        }

        private int peek() {
            return at < text.length() ? text.codePointAt(at) : -1;
        }

        private int next() {
            int c = text.codePointAt(at);
            at += Character.charCount(c);
            return c;
        }

        String expandAll() throws Refused {
            StringBuilder out = new StringBuilder(text.length());
            while (peek() >= 0) {
                int c = next();
                if (c == '\\') {
                    int escaped = peek();
                    if (escaped < 0) {
                        throw new Refused(Quoted.value(text) + " ends with a backslash that escapes nothing");
                    }
                    if (escaped != '$' && escaped != '\\') {
                        out.append('\\');
                    }
                    out.appendCodePoint(next());
                } else if (c == '$' && (peek() == '{' || (!bracedOnly && (peek() == '$' || nameChar(peek()))))) {
                    out.append(reference());
                } else {
                    out.appendCodePoint(c);
                }
            }
            return out.toString();
        }

        /** Reads one reference after its {@code $} and returns its value. */
        private String reference() throws Refused {
            int start = at - 1;
            StringBuilder name = new StringBuilder();
            StringBuilder argument = new StringBuilder();
            char kind = 0;
            boolean indirect = false;
            boolean braced = false;
            boolean inArgument = false;
            int depth = 0;
            while (true) {
                int c = peek();
                if (c < 0) {
                    if (braced) {
                        throw new Refused(Quoted.value(text.substring(start)) + ": '${' is never closed");
                    }
                    break;
                }
                if (!braced && c == '{') {
                    next();
                    braced = true;
                    if (peek() == '!' || peek() == '#') {
                        indirect = next() == '!';
                        kind = indirect ? 0 : '#';
                    }
                } else if (braced && !inArgument && c == '}') {
                    next();
                    break;
                } else if (!inArgument && (nameChar(c) || (c == '$' && name.length() == 0))) {
                    name.appendCodePoint(next());
                } else if (braced && !inArgument && c == ':') {
                    next();
                    inArgument = true;
                } else if (braced && (!inArgument || kind == 0)) {
                    next();
                    inArgument = true;
                    argument.setLength(0);
                    kind = "-=+?".indexOf(c) >= 0 ? (char) c : 'o';
                    if (c == '}') {
                        break;
                    }
                    if (kind == 'o') {
                        argument.appendCodePoint(c);
                    }
                } else if (inArgument) {
                    next();
                    if (c == '}' && depth == 0) {
                        break;
                    }
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    argument.appendCodePoint(c);
                } else {
                    break;
                }
            }
            String written = text.substring(start, at);
            return value(written, name.toString(), kind, argument.toString(), indirect);
        }

        private String value(String written, String name, char kind, String argumentText, boolean indirect)
                throws Refused {
            if (name.isEmpty()) {
                throw new Refused("bad substitution " + Quoted.value(written));
            }
            String value = variable(name);
            if (indirect) {
                if (value == null) {
                    throw new Refused(Quoted.value(written) + ": invalid indirect expansion");
                }
                value = variable(value);
            }
            String argument = new Cursor(argumentText, false).expandAll();
            boolean set = value != null && !value.isEmpty();
            String result = switch (kind) {
                case '#' -> {
                    if (!argument.isEmpty()) {
                        throw new Refused("bad substitution " + Quoted.value(written));
                    }
                    yield Integer.toString(value == null ? 0 : value.codePointCount(0, value.length()));
                }
                case '-' -> set ? value : argument;
                case '=' -> {
                    if (!set) {
                        setDuringThisRead.put(name, argument);
                    }
                    yield set ? value : argument;
                }
                case '+' -> set ? argument : "";
                case '?' -> {
                    String recovered = variable("EXPANDVARS_RECOVER_NULL");
                    if (!set && recovered == null) {
                        throw new Refused(name + " is required (" + Quoted.value(written) + "): "
                                + (argument.isEmpty() ? "parameter null or not set" : Quoted.value(argument)));
                    }
                    yield set ? value : recovered;
                }
                case 'o' -> slice(written, value, argument);
                default -> value;
            };
            return result == null ? "" : result;
        }
    }
}
