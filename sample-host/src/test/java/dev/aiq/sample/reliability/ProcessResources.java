package dev.aiq.sample.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a live JVM holds, as Linux and {@code jcmd} see it from outside: its live heap, its threads by name, its open
 * file descriptors and its inotify watches.
 *
 * <p>The live heap is the total of {@code jcmd PID GC.class_histogram}, which collects the garbage first and then
 * counts only reachable objects. The heap's "used" after a GC is no measure: it counts the allocation buffers the
 * threads take again at once (its samples vary by megabytes where the reachable objects vary by 100 KB).
 *
 * @param liveHeapKb     the size of every reachable object, in KB
 * @param threads        the name of every thread ({@code /proc/PID/task/T/comm}, at most 15 characters), sorted
 * @param openFiles      how many file descriptors are open ({@code /proc/PID/fd})
 * @param inotifyWatches how many inotify watches are registered ({@code inotify wd:} lines in {@code /proc/PID/fdinfo})
 */
record ProcessResources(long liveHeapKb, List<String> threads, int openFiles, int inotifyWatches) {

    /** The last line of a class histogram: {@code Total <instances> <bytes>}. */
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)$");

    /** Measures {@code pid} (collecting its garbage first). */
    static ProcessResources of(long pid) {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in jcmd " + pid + " GC.class_histogram:\n"
                    + histogram.substring(0, Math.min(histogram.length(), 2000)));
        }
        long heapKb = Long.parseLong(total.group(1)) / 1024;
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> threads = new ArrayList<>();
        for (Path task : list(proc.resolve("task"))) {
            String name = read(task.resolve("comm"));
            if (name != null) {
                threads.add(name.strip());
            }
        }
        threads.sort(null);
        int watches = 0;
        for (Path fdinfo : list(proc.resolve("fdinfo"))) {
            String info = read(fdinfo);
            if (info != null) {
                watches += (int) info.lines().filter(line -> line.startsWith("inotify wd:")).count();
            }
        }
        return new ProcessResources(heapKb, List.copyOf(threads), list(proc.resolve("fd")).size(), watches);
    }

    /** Returns how many of the threads are the agent's ({@code aiq-dev-...}). */
    long agentThreads() {
        return threads.stream().filter(name -> name.startsWith("aiq-dev-")).count();
    }

    private static String jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(Hosts.jcmd(), Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(1, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the text of a /proc file, or null if it went away meanwhile (a thread ended, an fd closed). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
