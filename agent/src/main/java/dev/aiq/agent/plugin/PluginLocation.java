package dev.aiq.agent.plugin;

import dev.aiq.agent.console.Feedback;
import dev.aiq.agent.protocol.PluginStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.reload.StagedCode;
import dev.aiq.agent.session.ConfigSession;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One plugins location the app opened, and its reload: on a debounced change, a new set is built in a new class
 * loader, every config is replayed against it (the app's own provider and validators decide), and the set goes live
 * together with the first config that accepts it. A replaced set is only weakly referred to from then on: work in
 * flight keeps it (and the private copy its loader reads) for as long as it needs, and the copy is deleted once the
 * loader is collected. State changes run on the reload thread. Internal.
 */
final class PluginLocation {

    private final Path location;
    private final Class<?> service;
    private final ClassLoader parent;
    private final PluginView view;
    private final Feedback feedback;
    private final Supplier<List<ConfigSession>> configs;
    private final List<WeakReference<ClassLoader>> retired = new CopyOnWriteArrayList<>();
    private volatile PluginGeneration live;
    /** The fingerprint of the last content looked at, good or not: what configs are built with, for retries. */
    private volatile String seen;

    PluginLocation(Path location, Class<?> service, ClassLoader parent, PluginGeneration first, Feedback feedback,
                   Supplier<List<ConfigSession>> configs) {
        this.location = location;
        this.service = service;
        this.parent = parent;
        this.live = first;
        this.view = new PluginView(first.components());
        this.feedback = feedback;
        this.configs = configs;
        this.seen = first.snapshot().fingerprint();
    }

    /** What agent-api's view reads. */
    PluginView view() {
        return view;
    }

    Path location() {
        return location;
    }

    Class<?> service() {
        return service;
    }

    /** The content last looked at, as a fingerprint. */
    String fingerprint() {
        return seen;
    }

    /** The live set. */
    PluginGeneration live() {
        return live;
    }

    /** How many replaced class loaders are still reachable (not yet collected). */
    int retiredAlive() {
        int alive = 0;
        for (WeakReference<ClassLoader> ref : retired) {
            if (ref.get() != null) {
                alive++;
            }
        }
        retired.removeIf(ref -> ref.get() == null);
        return alive;
    }

    /** The debounced change (reload thread): rebuilds and replays when the content differs from what was looked at. */
    void reloadIfChanged() {
        PluginContent content;
        try {
            content = PluginContent.read(location);
        } catch (IOException | RuntimeException e) {
            feedback.warn("aiq-dev: cannot read the plugins location " + location + ": " + e);
            return;
        }
        PluginSnapshot snapshot = content.snapshot();
        String fingerprint = snapshot.fingerprint();
        if (fingerprint.equals(seen)) {
            return;
        }
        seen = fingerprint;
        PluginGeneration before = live;
        if (fingerprint.equals(before.snapshot().fingerprint())) {
            feedback.note("Plugins match the live set again (plugin generation " + before.generation() + ")");
            for (ConfigSession config : configs.get()) {
                config.codeRestored();
            }
            return;
        }
        Set<Path> changed = snapshot.changedSince(before.snapshot());
        Path changedFile = changed.isEmpty() ? location : changed.iterator().next();
        PluginGeneration candidate = null;
        String problem = null;
        try {
            candidate = PluginBuild.build(before.generation() + 1, content, service, parent);
        } catch (PluginBuild.Failure f) {
            problem = f.getMessage();
        }
        Change change = new Change(changedFile, problem, candidate, before);
        boolean replayed = false;
        for (ConfigSession config : configs.get()) {
            ReloadOutcome outcome = config.codeChanged(change);
            replayed |= outcome != null;
        }
        if (!replayed) {
            // no config to check the set against: it goes live as it is, when it could be built
            if (problem == null) {
                change.commit();
            } else {
                feedback.warn("aiq-dev: plugins not reloaded: " + problem);
            }
        }
        if (change.committed) {
            retired.add(new WeakReference<>(before.loader()));
            feedback.note("Plugins: generation " + candidate.generation() + " is live (" + candidate.types() + ")");
        } else if (candidate != null) {
            PluginBuild.discard(candidate);
        }
    }

    /** The live set as status shows it. */
    PluginStatus status() {
        PluginGeneration g = live;
        List<PluginStatus.Jar> jars = new ArrayList<>();
        for (PluginFile f : g.snapshot().files()) {
            jars.add(new PluginStatus.Jar(f.path().toString(), f.sha256(), f.version()));
        }
        return new PluginStatus(location.toString(), g.generation(), jars, g.types());
    }

    /** One change as the reload engine stages it. */
    private final class Change implements StagedCode {
        private final Path changedFile;
        private final String problem;
        private final PluginGeneration candidate;
        private final PluginGeneration before;
        private boolean committed;

        Change(Path changedFile, String problem, PluginGeneration candidate, PluginGeneration before) {
            this.changedFile = changedFile;
            this.problem = problem;
            this.candidate = candidate;
            this.before = before;
        }

        @Override
        public Path changedFile() {
            return changedFile;
        }

        @Override
        public String problem() {
            return problem;
        }

        @Override
        public void stage() {
            view.stage(candidate.components());
        }

        @Override
        public void unstage() {
            view.unstage();
        }

        @Override
        public void commit() {
            live = candidate;
            view.publish(candidate.components());
            committed = true;
        }

        @Override
        public void revert() {
            live = before;
            view.publish(before.components());
            committed = false;
        }
    }
}
