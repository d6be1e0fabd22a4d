package dev.aiq.agent.control;

/**
 * One config of the JVM as JConsole and VisualVM show it: the MXBean {@code dev.aiq:type=DevMode,config=<name>}
 * (the name quoted as {@link javax.management.ObjectName#quote} does), registered when the config appears and
 * unregistered at detach; open types only. Operations return one line for people (or one line per item); a failed
 * operation throws {@link IllegalStateException} with the reason, so any JMX client can show it. Internal.
 */
public interface ConfigMXBean {

    /** The config's short name: its file's name, or more of its path where two configs share one. */
    String getName();

    /** The config's root file, or null when none was found among the provider call's arguments. */
    String getConfigFile();

    /** The instrumented provider, {@code com.acme.ConfigLoader#load}. */
    String getProvider();

    /** Whether the config is live and watched. */
    boolean isActive();

    /** The live generation (1 for what the app's own call returned). */
    long getGeneration();

    /** Hash of the live config's source, or null. */
    String getSha256();

    /** Failed attempts since the last success. */
    int getAttempts();

    /** Every file watched for this config. */
    String[] getWatchedFiles();

    /** The files learned from provider calls nested in this config's call. */
    String[] getDependencies();

    /** The last outcome in one line, or null when nothing happened yet. */
    String getLastResult();

    /** The debounce quiet period in seconds. */
    double getDelaySeconds();

    /** The overrides: the app's own ({@code path=value (app)}) and the live ones ({@code (live)}), masked. */
    String[] getOverrides();

    /** Good configs kept in history. */
    int getHistorySize();

    /** The live plugin set, one line per jar and one for the types; empty when the app uses no plugins location. */
    String[] getPlugins();

    /** Reads the config file now and applies it if it changed. */
    String reload();

    /** Dry-runs {@code file} (empty or null = the config's own file) through the pipeline. */
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
}
