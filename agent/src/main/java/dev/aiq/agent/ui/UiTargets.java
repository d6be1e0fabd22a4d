package dev.aiq.agent.ui;

import java.util.List;

/** Where the page's JVMs come from: looked up again each time the page asks (JVMs come and go). */
@FunctionalInterface
public interface UiTargets {

    /** The dev-mode JVMs to show now. */
    List<UiTarget> list();
}
