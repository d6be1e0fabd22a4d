package dev.aiq.agent.yaml;

/**
 * A value in a tree being built, with where it was written: the key's position for a map entry, the item's position
 * for a list item. Internal.
 *
 * @param position where the key or item was written, never null
 * @param value    a {@link DraftMap}, a {@link DraftList}, a scalar, or null
 */
record Slot(Position position, Object value) {
}
