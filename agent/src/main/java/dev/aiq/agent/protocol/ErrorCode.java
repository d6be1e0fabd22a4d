package dev.aiq.agent.protocol;

/**
 * Why the agent refused a request, as the {@code "code"} of an error reply
 * ({@code {"ok":false,"error":"...","code":"config-not-named"}}), so a client can tell a request to fix (exit 2 in
 * the command line) from a failure without parsing the message. Clients meet codes they do not know as
 * {@link #FAILED}. Internal.
 */
public enum ErrorCode {

    /** The request is malformed: not JSON, no or an unknown op, a parameter missing or of the wrong type. */
    BAD_REQUEST("bad-request"),
    /** The JVM has no config yet: the provider has not been called. */
    NO_CONFIG("no-config"),
    /** The JVM has several configs and the request named none. */
    CONFIG_NOT_NAMED("config-not-named"),
    /** The config named matches several configs. */
    CONFIG_AMBIGUOUS("config-ambiguous"),
    /** The config named matches none. */
    CONFIG_UNKNOWN("config-unknown"),
    /** What the request names inside a config (a {@code show} path) is not there. */
    NOT_FOUND("not-found"),
    /** The operation itself failed (the message says why). */
    FAILED("failed");

    /** The reply field that carries the code. */
    public static final String FIELD = "code";

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as it travels. */
    public String wireName() {
        return wireName;
    }

    /** The code called {@code wireName}, or {@link #FAILED} for null or one this version does not know. */
    public static ErrorCode ofWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return code;
            }
        }
        return FAILED;
    }
}
