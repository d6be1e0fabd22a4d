package dev.aiq.agent.yaml;

import java.util.ArrayList;
import java.util.List;

/** A list of a tree being built; like {@link DraftMap}, never changed after it is handed on. Internal. */
final class DraftList {

    final List<Slot> items = new ArrayList<>();
}
