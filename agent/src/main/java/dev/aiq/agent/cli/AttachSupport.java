package dev.aiq.agent.cli;

/**
 * Checks for the Attach API before any class of it is touched: a runtime without the {@code jdk.attach} module (a
 * JRE, a jlinked image) fails here with advice instead of a {@link NoClassDefFoundError}. Internal.
 */
final class AttachSupport {

    static final String MISSING = "this java has no attach module (jdk.attach); run aiq-dev with a full JDK";

    private AttachSupport() {
    }

    /** Throws unless {@code jdk.attach} is in the boot layer. */
    static void require() throws CliException {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw CliException.failure(MISSING);
        }
    }
}
