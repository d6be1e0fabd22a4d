package dev.aiq.agent.protocol;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of the control protocol, each with the name it has on the wire ({@code {"op":"reload"}}) and whether
 * it acts on the JVM or on one of its configs. A request for a per-config operation names its config with
 * {@value #CONFIG_FIELD} (a path or a substring of one); it may leave it out when the JVM has one config. Internal.
 */
public enum Operation {

    /** The JVM's state and every config's ({@link JvmStatus}); with {@value #CONFIG_FIELD}, only that config's. */
    STATUS("status", Scope.JVM_OR_CONFIG),
    /** Read the config now and apply it if it changed ({@code validateOnly}: swap nothing). */
    RELOAD("reload", Scope.CONFIG),
    /** A dry run of the config, or of {@code file}, through the app's provider and validators. */
    VALIDATE("validate", Scope.CONFIG),
    /** What changed between generations {@code from} and {@code to} (0 = previous / live). */
    DIFF("diff", Scope.CONFIG),
    /** The good configs kept ({@link HistoryItem}s), newest first. */
    HISTORY("history", Scope.CONFIG),
    /** Put back the config {@code steps} generations before the live one. */
    ROLLBACK("rollback", Scope.CONFIG),
    /** Set the live override {@code path} to {@code value} and apply it. */
    SET("set", Scope.CONFIG),
    /** Remove the live override {@code path} and apply the config without it. */
    UNSET("unset", Scope.CONFIG),
    /** Forget every history entry but the live one. */
    CLEAR("clear", Scope.CONFIG),
    /** The live effective config ({@link ShownConfig}), or its subtree at {@code path}, masked. */
    SHOW("show", Scope.CONFIG),
    /**
     * Every outcome from now on, as it happens, on the same connection: of the config named, or of every config of
     * the JVM ({@code {"event":"outcome",...}} lines, then {@code {"event":"detached"}} on detach).
     */
    FOLLOW("follow", Scope.JVM_OR_CONFIG),
    /** Stop development mode in the JVM; the reply leaves first. */
    DETACH("detach", Scope.JVM);

    /** The request field that names the config a request is for. */
    public static final String CONFIG_FIELD = "config";

    /** What an operation acts on. */
    public enum Scope {
        /** The whole JVM: a {@code "config"} is ignored. */
        JVM,
        /** The JVM, or only the config named. */
        JVM_OR_CONFIG,
        /** One config: the one named, or the JVM's only one. */
        CONFIG
    }

    private static final String WIRE_NAMES = Arrays.stream(values()).map(Operation::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;
    private final Scope scope;

    Operation(String wireName, Scope scope) {
        this.wireName = wireName;
        this.scope = scope;
    }

    /** The value of {@code "op"} for this operation. */
    public String wireName() {
        return wireName;
    }

    /** What it acts on. */
    public Scope scope() {
        return scope;
    }

    /** The operation called {@code wireName} on the wire, or null when there is none (case-sensitive). */
    public static Operation ofWireName(String wireName) {
        for (Operation operation : values()) {
            if (operation.wireName.equals(wireName)) {
                return operation;
            }
        }
        return null;
    }

    /** Every wire name in protocol order, {@code status, reload, ...}, for messages. */
    public static String wireNames() {
        return WIRE_NAMES;
    }
}
