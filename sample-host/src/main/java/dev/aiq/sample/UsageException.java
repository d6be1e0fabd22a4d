package dev.aiq.sample;

/** Internal. A command line that cannot be run; the message is one line saying what is wrong. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
