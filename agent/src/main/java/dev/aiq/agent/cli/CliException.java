package dev.aiq.agent.cli;

/**
 * A command that cannot do what was asked, with the exit code to end with and the message to print (one or more
 * lines, without a stack trace). Internal.
 */
final class CliException extends Exception {

    /** Exit code of a failure. */
    static final int FAILURE = 1;
    /** Exit code of a usage error, including a substring that matches several JVMs or configs. */
    static final int USAGE = 2;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A failure (exit code 1). */
    static CliException failure(String message) {
        return new CliException(FAILURE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
