package dev.aiq.agent.control;

/**
 * Development mode as JConsole and VisualVM show it: the MXBean {@code dev.aiq:type=DevMode} in the platform MBean
 * server, with open types only. Operations return one line for people (or one line per item); a failed operation
 * throws {@link IllegalStateException} with the reason, so any JMX client can show it. Internal.
 */
public interface DevModeMXBean {

    /** Whether development mode is on. */
    boolean isActive();

    /** The live generation, 0 before the provider's first call. */
    long getGeneration();

    /** The watched root config, or null before the provider's first call. */
    String getConfigFile();

    /** Hash of the live config's source, or null. */
    String getSha256();

    /** Failed attempts since the last success. */
    int getAttempts();

    /** Every file watched. */
    String[] getWatchedFiles();

    /** The last outcome in one line, or null when nothing happened yet. */
    String getLastResult();

    /** The debounce quiet period in seconds. */
    double getDelaySeconds();

    /** Reads the config file now and applies it if it changed. */
    String reload();

    /** Dry-runs {@code file} (empty or null = the current file) through the pipeline. */
    String validate(String file);

    /** What changed between two generations; 0 = previous / live. */
    String[] diff(long from, long to);

    /** The good configs kept, newest first, one line each. */
    String[] history();

    /** Puts back the config {@code steps} generations before the live one. */
    String rollback(int steps);

    /** Sets a live override and applies it. */
    String set(String path, String value);

    /** Removes a live override and applies the config without it. */
    String unset(String path);

    /** Forgets every history entry but the live one. */
    String clearHistory();

    /** Stops development mode; the app keeps its live config. */
    String detach();
}
