package dev.aiq.agent.reload;

import java.nio.file.Path;

/**
 * New code a config is built with (a plugin set), as a reload checks it: visible to the replay while staged, made live
 * just before the config is swapped in, put back when a listener vetoes the config. Implemented by the plugin stage;
 * every method runs on the reload thread. Internal.
 */
public interface StagedCode {

    /** The jar or class file whose change this is, for the console's "changed" line. */
    Path changedFile();

    /** Why the new code could not even be built (one line naming the jar or class), or null when it was. */
    String problem();

    /** Makes the new code what the replay on this thread sees. */
    void stage();

    /** Ends {@link #stage()}: the thread sees the live code again. */
    void unstage();

    /** Makes the new code live for every thread (the config built with it is about to be swapped in). */
    void commit();

    /** Puts the code that was live before {@link #commit()} back (a listener vetoed the config). */
    void revert();
}
