package dev.aiq.agent.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link WatchSink} that records every call in order, safe to read from the test thread while the watcher runs. */
class RecordingSink implements WatchSink {

    /** One call to the sink. */
    record Call(Kind kind, Path file) {
    }

    /** Which method was called. */
    enum Kind { CHANGED, MISSING }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void changed(Path file) {
        calls.add(new Call(Kind.CHANGED, file));
    }

    @Override
    public void missing(Path file) {
        calls.add(new Call(Kind.MISSING, file));
    }

    /** How often {@link #changed} was called for {@code file}. */
    long changes(Path file) {
        return count(Kind.CHANGED, file);
    }

    /** How often {@link #missing} was called for {@code file}. */
    long misses(Path file) {
        return count(Kind.MISSING, file);
    }

    /** The kinds of the calls about {@code file}, in order. */
    List<Kind> callsAbout(Path file) {
        return calls.stream().filter(call -> call.file().equals(file)).map(Call::kind).toList();
    }

    /**
     * The calls about {@code file} from the {@code from}-th on, with repeats in a row folded into one: the watcher
     * reports every content it sees, and a save caught half-done (truncated, or briefly gone) is seen twice.
     */
    List<Kind> settledCallsAbout(Path file, int from) {
        List<Kind> settled = new java.util.ArrayList<>();
        for (Kind kind : callsAbout(file).subList(Math.min(from, callsAbout(file).size()), callsAbout(file).size())) {
            if (settled.isEmpty() || settled.get(settled.size() - 1) != kind) {
                settled.add(kind);
            }
        }
        return settled;
    }

    /** {@link #settledCallsAbout(Path, int)} from the first call. */
    List<Kind> settledCallsAbout(Path file) {
        return settledCallsAbout(file, 0);
    }

    private long count(Kind kind, Path file) {
        return calls.stream().filter(call -> call.kind() == kind && call.file().equals(file)).count();
    }
}
