package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.Timings;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the reload stage tells what happens, as it happens: the console implements it with the AIQ toolkit's lines.
 * The stage never prints itself, so it depends on no output. Every method returns quickly and never throws. Internal.
 */
public interface ReloadReporter {

    /** A change of {@code file} was noticed (said once the content is known to differ). */
    void changed(Path file);

    /** The reload starts. */
    void reloading();

    /**
     * The reload went live with {@code changes} (edits an override pins among them); {@code remark} is one more line
     * or null, e.g. that no values changed.
     */
    void reloaded(List<Change> changes, String remark, Timings timings);

    /** A live override was refused; the live configuration stays. */
    void overrideRefused(String path, List<String> errors);

    /** The content equals the live config's. */
    void unchanged(long generation);

    /**
     * A dry run ({@code aiq-dev validate <pid>}) of {@code file} checked the config through the app: valid when
     * {@code errors} is empty, with {@code changes} values that a reload would change; nothing was swapped.
     */
    void dryRun(Path file, List<String> errors, int changes);

    /** Attempt {@code attempt} of {@code maxAttempts} failed; {@code errors} rendered {@code file:line:col: reason}. */
    void failed(int attempt, int maxAttempts, List<String> errors);

    /** Too many failed attempts: the last good config is being put back. */
    void rollingBack();

    /** The last good config is back. */
    void rolledBack(long generation);

    /** Putting the last good config back failed too. */
    void rollbackFailed(String reason);

    /** A requested rollback to generation {@code fromGeneration} went live as {@code generation}. */
    void restored(long fromGeneration, long generation, List<Change> changes);

    /** The config file is missing. */
    void missing(Path file);

    /** The config file is empty. */
    void empty(Path file);

    /** Any other one-line notice. */
    void note(String line);

    /** A one-line warning. */
    void warn(String line);

    /** A decision, for {@code AIQ_LOG_LEVEL=DEBUG}: why the engine did or did not do something. */
    void detail(String line);
}
