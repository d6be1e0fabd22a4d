package dev.aiq.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One JVM attached to through the Attach API: reads its properties and loads the agent into it, turning every
 * failure into a message that says what to do. Close it to detach. Internal.
 */
final class TargetVm implements AutoCloseable {

    /** The JVM flag that lets an agent load into a running JDK 21+ without a warning. */
    static final String DYNAMIC_LOADING_FLAG = "-XX:+EnableDynamicAgentLoading";

    /** The JVM flag that forbids it: attaching then fails. */
    static final String NO_DYNAMIC_LOADING_FLAG = "-XX:-EnableDynamicAgentLoading";

    private final Jvm jvm;
    private final VirtualMachine vm;

    private TargetVm(Jvm jvm, VirtualMachine vm) {
        this.jvm = jvm;
        this.vm = vm;
    }

    /**
     * Attaches to {@code jvm}.
     *
     * @throws CliException when the JVM cannot be attached to, saying why (gone, another user, attach disabled)
     */
    static TargetVm attach(Jvm jvm) throws CliException {
        try {
            return new TargetVm(jvm, VirtualMachine.attach(Long.toString(jvm.pid())));
        } catch (AttachNotSupportedException | IOException e) {
            throw cannotAttach(jvm, e);
        }
    }

    /** The target's system properties. */
    Properties systemProperties() throws CliException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw CliException.failure("cannot read the properties of " + jvm.describe() + ": " + e.getMessage());
        }
    }

    /** The target's JVM arguments ({@code sun.jvm.args}), or an empty string when it does not say. */
    String jvmArguments() {
        try {
            return vm.getAgentProperties().getProperty("sun.jvm.args", "");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Loads the agent jar with {@code options}; returns once the agent's {@code agentmain} has returned.
     *
     * @throws CliException when the target refuses the agent or the agent fails to start
     */
    void loadAgent(Path agentJar, String options, int targetFeature) throws CliException {
        try {
            vm.loadAgent(agentJar.toString(), options);
        } catch (AgentLoadException e) {
            String reason = String.valueOf(e.getMessage());
            String hint = targetFeature >= 21 && !reason.contains("EnableDynamicAgentLoading")
                    ? "; start the target with " + DYNAMIC_LOADING_FLAG
                    : "";
            throw CliException.failure(jvm.describe() + " refused the agent: " + reason + hint);
        } catch (AgentInitializationException e) {
            throw CliException.failure("aiq-dev failed to start in " + jvm.pid() + " (agentmain returned "
                    + e.returnValue() + "); the target's standard error says why");
        } catch (IOException e) {
            throw CliException.failure("cannot load aiq-dev into " + jvm.describe() + ": " + e.getMessage());
        }
    }

    /** Detaches. */
    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the target went away: nothing left to detach from
        }
    }

    /** The feature release of a {@code java.specification.version} ("17", "25", "1.8" = 8), or 0. */
    static int featureOf(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2)
                : specificationVersion;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static CliException cannotAttach(Jvm jvm, Exception e) {
        ProcessHandle process = ProcessHandle.of(jvm.pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            return CliException.failure("no process with pid " + jvm.pid());
        }
        String owner = process.info().user().orElse(null);
        String me = System.getProperty("user.name");
        if (owner != null && !owner.equals(me) && !"root".equals(me)) {
            return CliException.failure(jvm.describe() + " belongs to user " + owner
                    + "; the Attach API only connects processes of the same OS user: run aiq-dev as " + owner);
        }
        return CliException.failure("cannot attach to " + jvm.describe() + ": " + e.getMessage()
                + " (is it a JVM, still starting, or started with -XX:+DisableAttachMechanism?)");
    }
}
