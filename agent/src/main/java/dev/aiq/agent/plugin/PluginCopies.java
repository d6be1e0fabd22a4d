package dev.aiq.agent.plugin;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The private copies that plugin sets are loaded from, so that a jar rebuilt in place never changes a live set: each
 * set's class loader reads a copy written from the very bytes that were hashed, under
 * {@code <java.io.tmpdir>/aiq-dev-plugins-<user>/<pid>-<start>/set-<generation>-<random>/}. A copy is deleted when its
 * loader becomes unreachable (a {@link Cleaner} whose action knows only the directory), at once for a set that did
 * not go live, and with the JVM's directory at exit; the directories of JVMs that are gone (crashed) are deleted when
 * the next JVM makes its own. Internal.
 */
final class PluginCopies {

    /** A JVM's directory: its pid and its start time in epoch milliseconds (a pid alone may be reused). */
    private static final Pattern JVM_DIRECTORY = Pattern.compile("(\\d+)-(\\d+)");

    /** Two start times of one process, as two JVMs read them, differ by less than this. */
    private static final long SAME_START_MILLIS = 60_000;

    private static Path jvmDirectory;

    private PluginCopies() {
    }

    /**
     * A set's copy.
     *
     * @param directory the set's directory
     * @param files     the copied jar or class directory of each of the content's files, in the same order
     */
    record Copy(Path directory, List<Path> files) {

        Copy {
            files = List.copyOf(files);
        }
    }

    /** Writes {@code content}'s bytes into a new directory for generation {@code generation}. */
    static Copy write(long generation, PluginContent content) throws IOException {
        Path directory = Files.createTempDirectory(jvmDirectory(), "set-" + generation + "-");
        List<Path> files = new ArrayList<>();
        try {
            List<PluginFile> read = content.snapshot().files();
            for (int i = 0; i < read.size(); i++) {
                PluginFile file = read.get(i);
                // the index keeps the location's order and makes every name unique
                Path target = directory.resolve(i + "-" + file.name());
                Map<String, byte[]> bytes = content.bytes().get(i);
                if (file.directory()) {
                    Files.createDirectories(target);
                    for (Map.Entry<String, byte[]> entry : bytes.entrySet()) {
                        Path copied = target.resolve(entry.getKey()).normalize();
                        Files.createDirectories(copied.getParent());
                        Files.write(copied, entry.getValue());
                    }
                } else {
                    Files.write(target, bytes.get(file.name()));
                }
                files.add(target);
            }
        } catch (IOException | RuntimeException e) {
            delete(directory);
            throw e;
        }
        return new Copy(directory, files);
    }

    /**
     * Deletes {@code directory} once {@code loader} is unreachable; {@link Cleaner.Cleanable#clean()} deletes it at
     * once. The JDK's own cleaners close the loader's jar files when it is collected.
     */
    static Cleaner.Cleanable deleteWhenUnreachable(ClassLoader loader, Path directory) {
        return Cleaners.CLEANER.register(loader, new Delete(directory));
    }

    /** Deletes {@code directory} and everything under it, as far as it can. */
    static void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // what is left goes with the JVM's directory, at exit or at the next start
        }
    }

    /** This JVM's directory, made (and the gone JVMs' ones swept) on first use. */
    private static synchronized Path jvmDirectory() throws IOException {
        if (jvmDirectory != null && Files.isDirectory(jvmDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return jvmDirectory;
        }
        boolean first = jvmDirectory == null;
        Path base = Path.of(System.getProperty("java.io.tmpdir", "/tmp"),
                "aiq-dev-plugins-" + System.getProperty("user.name", "user"));
        Path mine;
        if (privateDirectory(base)) {
            deleteGoneJvms(base);
            mine = base.resolve(directoryName(ProcessHandle.current()));
            Files.createDirectories(mine, ownerOnly());
        } else {
            mine = Files.createTempDirectory("aiq-dev-plugins-", ownerOnly());   // someone else's base: a fresh one
        }
        jvmDirectory = mine;
        if (first) {
            Path atExit = mine;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(atExit), "aiq-dev-plugin-copies-exit"));
        }
        return mine;
    }

    /** Makes {@code base} if need be; whether it is a real directory of this user's. */
    private static boolean privateDirectory(Path base) {
        try {
            if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(base, ownerOnly());
            }
            return Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS) && Files.getOwner(base, LinkOption.NOFOLLOW_LINKS)
                    .getName().equals(System.getProperty("user.name"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The name of {@code process}'s directory: {@code <pid>-<start time in epoch milliseconds>}. */
    static String directoryName(ProcessHandle process) {
        return process.pid() + "-" + startMillis(process);
    }

    /** Deletes the directories under {@code base} of JVMs that are no longer running: copies a crashed JVM left. */
    static void deleteGoneJvms(Path base) {
        try (Stream<Path> list = Files.list(base)) {
            for (Path dir : list.toList()) {
                Matcher m = JVM_DIRECTORY.matcher(dir.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    delete(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next start
        }
    }

    /**
     * Whether the JVM that made a directory still runs: its pid is alive, and started when the name says. The start
     * times are compared loosely, since the kernel's boot time they derive from moves with the wall clock; one that
     * cannot be read (another user's process) counts as the same. Either way a doubt keeps the directory: a copy left
     * behind costs disk, a copy deleted under a live set would cost its classes.
     */
    private static boolean running(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> {
            long started = startMillis(process);
            return started == 0 || startMillis == 0 || Math.abs(started - startMillis) <= SAME_START_MILLIS;
        }).orElse(false);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
    }

    /** The cleaner's action: it knows the directory only, never the loader (which would then never be collected). */
    private record Delete(Path directory) implements Runnable {
        @Override
        public void run() {
            delete(directory);
        }
    }

    /** Made on first use: one daemon thread for the JVM's lifetime. */
    private static final class Cleaners {
        static final Cleaner CLEANER = Cleaner.create(task -> {
            Thread thread = new Thread(task, "aiq-dev-plugin-copies");
            thread.setDaemon(true);
            return thread;
        });
    }
}
