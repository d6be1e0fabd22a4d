package dev.aiq.agent.reload;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Lists the leaf-level differences between two config trees, values masked where they look secret. Internal. */
public final class TreeDiff {

    private TreeDiff() {
    }

    /** Returns every changed, added or removed leaf, in the order the keys appear. */
    public static List<Change> between(Map<String, ?> before, Map<String, ?> after) {
        List<Change> changes = new ArrayList<>();
        diff("", before == null ? Map.of() : before, after == null ? Map.of() : after, changes);
        return changes;
    }

    private static void diff(String prefix, Object before, Object after, List<Change> out) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> e : b.entrySet()) {
                String path = join(prefix, String.valueOf(e.getKey()));
                if (a.containsKey(e.getKey())) {
                    diff(path, e.getValue(), a.get(e.getKey()), out);
                } else {
                    leaves(path, e.getValue(), true, out);
                }
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!b.containsKey(e.getKey())) {
                    leaves(join(prefix, String.valueOf(e.getKey())), e.getValue(), false, out);
                }
            }
        } else if (!Objects.equals(before, after)) {
            if (before instanceof Map || after instanceof Map) {
                leaves(prefix, before, true, out);
                leaves(prefix, after, false, out);
            } else {
                out.add(new Change(prefix, typed(prefix, before), typed(prefix, after)));
            }
        }
    }

    private static void leaves(String path, Object value, boolean removed, List<Change> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                leaves(join(path, String.valueOf(e.getKey())), e.getValue(), removed, out);
            }
            return;
        }
        Object shown = typed(path, value);
        out.add(removed ? new Change(path, shown, null) : new Change(path, null, shown));
    }

    /** {@code value} as a change shows it: masked, text cut as every shown value is, other types kept. */
    static Object typed(String path, Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String || Secrets.isSecret(path) ? Secrets.render(path, value) : Masking.masked(value);
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
