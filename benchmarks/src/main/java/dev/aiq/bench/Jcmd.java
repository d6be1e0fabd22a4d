package dev.aiq.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a running JVM about its heap and threads through the JDK's {@code jcmd}. Internal. */
final class Jcmd {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** {@code VM.metaspace}'s first "Both:" line (its total), on JDK 17 and 25: {@code ..., 9.10 MB ( 77%) used, ...}. */
    private static final Pattern METASPACE = Pattern.compile("Both:.*?([\\d.]+) (bytes|KB|MB|GB) \\([^)]*\\) used");
    private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\" #\\d+", Pattern.MULTILINE);

    private final BenchEnv env;
    private final long pid;

    Jcmd(BenchEnv env, long pid) {
        this.env = env;
        this.pid = pid;
    }

    /** Runs three full collections and returns the heap in use after the last one, in bytes. */
    long heapAfterFullGc() {
        for (int i = 0; i < 3; i++) {
            run("GC.run");
        }
        Matcher used = USED.matcher(run("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap use in jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Metaspace in use after the collections of {@link #heapAfterFullGc}, in bytes (call that first). */
    long metaspaceUsed() {
        Matcher used = METASPACE.matcher(run("VM.metaspace"));
        if (!used.find()) {
            throw new IllegalStateException("no metaspace use in jcmd VM.metaspace");
        }
        double unit = switch (used.group(2)) {
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024 * 1024 * 1024;
            default -> 1;
        };
        return (long) (Double.parseDouble(used.group(1)) * unit);
    }

    /** Classes loaded and not unloaded, from the JVM's performance counters. */
    long loadedClasses() {
        String counters = run("PerfCounter.print");
        return counter(counters, "java.cls.loadedClasses") - counter(counters, "java.cls.unloadedClasses");
    }

    private static long counter(String counters, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "=(\\d+)", Pattern.MULTILINE).matcher(counters);
        if (!m.find()) {
            throw new IllegalStateException("no counter " + name + " in jcmd PerfCounter.print");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The names of the JVM's Java threads, as {@code Thread.print} lists them, without the JIT's compiler threads
     * (the JVM starts and stops those as it likes).
     */
    List<String> threadNames() {
        List<String> names = new ArrayList<>();
        Matcher thread = THREAD.matcher(run("Thread.print"));
        while (thread.find()) {
            if (!thread.group(1).contains("CompilerThread")) {
                names.add(thread.group(1));
            }
        }
        return names;
    }

    /** A system property of the JVM, or null. */
    String systemProperty(String name) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(run("VM.system_properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(name);
    }

    private String run(String command) {
        try {
            Process jcmd = new ProcessBuilder(env.javaHome().resolve("bin").resolve("jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(Host.TIMEOUT.toSeconds(), TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
