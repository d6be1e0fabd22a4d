package dev.aiq.agent.reload;

import java.util.ArrayList;
import java.util.List;

/**
 * The good configs of one config session, newest (the live one) first, at most {@code size} of them. Changed on the
 * reload thread only; {@link #view()} and {@link #live()} may be read from any thread. Internal.
 */
final class History {

    private final int size;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private volatile List<HistoryEntry> view = List.of();

    History(int size) {
        this.size = size;
    }

    /** Makes {@code entry} the live one; the oldest beyond the size go. */
    void add(HistoryEntry entry) {
        entries.add(0, entry);
        while (entries.size() > size) {
            entries.remove(entries.size() - 1);
        }
        view = List.copyOf(entries);
    }

    /** The live entry, or null before generation 1. */
    HistoryEntry live() {
        List<HistoryEntry> kept = view;
        return kept.isEmpty() ? null : kept.get(0);
    }

    /** Every entry, newest first. */
    List<HistoryEntry> view() {
        return view;
    }

    /** How many are kept. */
    int count() {
        return entries.size();
    }

    /** The entry {@code steps} generations before the live one. */
    HistoryEntry back(int steps) {
        return entries.get(steps);
    }

    /** Forgets every entry but the live one. */
    void clearButLive() {
        while (entries.size() > 1) {
            entries.remove(entries.size() - 1);
        }
        view = List.copyOf(entries);
    }

    /** The entry of {@code generation}. */
    HistoryEntry find(long generation) {
        for (HistoryEntry e : view) {
            if (e.generation() == generation) {
                return e;
            }
        }
        throw new IllegalArgumentException("generation " + generation + " is not in history (kept: " + generations() + ")");
    }

    /** {@code 5, 4, 3}. */
    String generations() {
        StringBuilder b = new StringBuilder();
        for (HistoryEntry e : view) {
            b.append(b.length() == 0 ? "" : ", ").append(e.generation());
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
