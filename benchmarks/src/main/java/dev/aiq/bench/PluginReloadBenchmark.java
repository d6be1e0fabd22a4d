package dev.aiq.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Class loaders over many plugin reloads: the sample host serves the plugin demo ({@code sample-plugin/demo}) under the
 * agent with {@code --plugins DIR}; the benchmark drops a new revision of {@code sample-plugin.jar} into the directory
 * (its classes unchanged, one resource added, so each revision is a new set: a new class loader, the same classes
 * loaded again) and waits until the agent says that revision's set is live, 100 times. After 20 warm-up reloads (the JDK inflates reflection and spins method handles over the first ones) and
 * again at the end it runs three full GCs through {@code jcmd} and reads metaspace in use, the classes loaded and not
 * unloaded, and the Java threads; at the end also how many set copies the agent keeps on disk for the host (each set
 * loads from a private copy, deleted once its loader is collected: only the live set's should be left).
 *
 * <p>Run: {@code benchmarks/run plugins} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.PluginReloadBenchmark} from the repository root, after {@code ./mvnw -B -q install -DskipTests}).
 * Target: metaspace within 1 MB and loaded classes within 100 of the start, the same threads, one set copy on disk.
 * {@code --quick}: 20.
 */
public final class PluginReloadBenchmark {

    private static final int WARM_UP = 20;
    private static final long MAX_METASPACE_GROWTH = 1024 * 1024;
    private static final long MAX_CLASS_GROWTH = 100;
    /** The agent's cleaner deletes a collected set's copy shortly after the collection: this long at most. */
    private static final long COPIES_DELETED_WITHIN_NANOS = 10_000_000_000L;

    private PluginReloadBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        // -Dbench.plugin.reloads=N: a longer run, to see whether the growth levels off
        int reloads = Integer.getInteger("bench.plugin.reloads", env.samples(20, 100));
        Path dir = BenchEnv.tempDir("plugins");
        Path plugins = dir.resolve("plugins");
        byte[] plugin = read(Path.of(System.getProperty("sample.plugin.jar", "sample-plugin/target/sample-plugin.jar")));
        revision(plugins, plugin, 0);
        Path config = dir.resolve("workflow.yml");
        copy(Path.of(System.getProperty("sample.plugin.demo", "sample-plugin/demo/workflow.yml")), config);
        try (Host host = Host.serve(env, config, List.of(env.javaagent("poll=0,delay=0.05")),
                List.of("--plugins", plugins.toString()))) {
            host.awaitLine("Watching plugins: ");
            host.awaitLine("Development Mode Active");
            Jcmd jcmd = new Jcmd(env, host.pid());
            reload(host, plugins, plugin, 1, WARM_UP);
            jcmd.heapAfterFullGc();
            long metaspaceBefore = jcmd.metaspaceUsed();
            long classesBefore = jcmd.loadedClasses();
            List<String> threadsBefore = jcmd.threadNames();
            reload(host, plugins, plugin, WARM_UP + 1, WARM_UP + reloads);
            jcmd.heapAfterFullGc();
            long metaspaceAfter = jcmd.metaspaceUsed();
            long classesAfter = jcmd.loadedClasses();
            List<String> threadsAfter = jcmd.threadNames();
            long copies = copiesOnDisk(host.pid());
            List<String> added = new ArrayList<>(threadsAfter);
            threadsBefore.forEach(added::remove);
            List<String> gone = new ArrayList<>(threadsBefore);
            threadsAfter.forEach(gone::remove);
            boolean sameThreads = added.isEmpty() && gone.isEmpty();
            long metaspaceGrowth = metaspaceAfter - metaspaceBefore;
            long classGrowth = classesAfter - classesBefore;
            String measured = String.format(Locale.ROOT, "after %d plugin reloads: metaspace %.2f -> %.2f MB (%+.0f KB),"
                    + " loaded classes %d -> %d (%+d), Java threads %d and %d%s, set copies on disk %d", reloads,
                    metaspaceBefore / 1048576.0, metaspaceAfter / 1048576.0, metaspaceGrowth / 1024.0, classesBefore,
                    classesAfter, classGrowth, threadsBefore.size(), threadsAfter.size(),
                    sameThreads ? " (the same)" : " (new: " + added + ", gone: " + gone + ")", copies);
            return new Result("plugin reloads", "metaspace ≤ +1 MB, classes ≤ +100, threads constant, one set copy"
                    + " on disk after " + reloads + " reloads", measured, metaspaceGrowth <= MAX_METASPACE_GROWTH
                    && classGrowth <= MAX_CLASS_GROWTH && sameThreads && copies == 1);
        }
    }

    /** Drops revisions {@code from..to}, each awaited until its set is live (revision N is plugin generation N + 1). */
    private static void reload(Host host, Path plugins, byte[] plugin, int from, int to) {
        for (int r = from; r <= to; r++) {
            int mark = host.mark();
            revision(plugins, plugin, r);
            host.awaitLineAfter(mark, "Plugins: generation " + (r + 1) + " is live");
        }
    }

    /**
     * The set copies on disk of the host {@code pid} (docs/plugins.md, "What stays in flight"), once the agent's
     * cleaner has deleted those of the collected sets, or after {@link #COPIES_DELETED_WITHIN_NANOS}.
     */
    private static long copiesOnDisk(long pid) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "aiq-dev-plugins-" + System.getProperty("user.name"));
        long deadline = System.nanoTime() + COPIES_DELETED_WITHIN_NANOS;
        while (true) {
            long copies = setDirectories(base, pid);
            if (copies <= 1 || System.nanoTime() > deadline) {
                return copies;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return copies;
            }
        }
    }

    private static long setDirectories(Path base, long pid) {
        long count = 0;
        try (var jvms = Files.list(base)) {
            for (Path jvm : jvms.filter(dir -> dir.getFileName().toString().startsWith(pid + "-")).toList()) {
                try (var sets = Files.list(jvm)) {
                    count += sets.count();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the agent's plugin copies in " + base, e);
        }
        return count;
    }

    /** The plugin jar with a resource naming {@code revision} added, moved into {@code plugins} atomically. */
    private static void revision(Path plugins, byte[] plugin, int revision) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(plugin));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("aiq-bench-revision.txt"));
            out.write(Integer.toString(revision).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(plugins);
            Path temp = plugins.resolve(".sample-plugin.jar.tmp");
            Files.write(temp, bytes.toByteArray());
            Files.move(temp, plugins.resolve("sample-plugin.jar"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (build it: ./mvnw -B -q install -DskipTests)", e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
