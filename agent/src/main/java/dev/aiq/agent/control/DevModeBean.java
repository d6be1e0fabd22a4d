package dev.aiq.agent.control;

import java.util.List;

/**
 * The {@link DevModeMXBean} over a {@link DevModeControl}: the JVM's state and detach, and the config operations on
 * the JVM's only config (selected as the socket selects one without {@code --config}). Internal.
 */
final class DevModeBean extends ConfigBean implements DevModeMXBean {

    private static final String HOW_TO_NAME = "use the bean of one (" + DevModeBeans.JVM_BEAN + ",config=<name>)";

    private final DevModeControl control;

    DevModeBean(DevModeControl control) {
        super(() -> ConfigSelection.select(control.configs(), null, HOW_TO_NAME));
        this.control = control;
    }

    @Override
    public boolean isActive() {
        return call(control::status).active();
    }

    @Override
    public long getPid() {
        return call(control::status).pid();
    }

    @Override
    public String[] getConfigs() {
        return call(control::configs).stream().map(ConfigControl::name).toArray(String[]::new);
    }

    @Override
    public String[] getConfigBeans() {
        return call(control::configs).stream().map(config -> DevModeBeans.nameOf(config).toString())
                .toArray(String[]::new);
    }

    @Override
    public String[] getProviders() {
        return call(control::status).providers().toArray(String[]::new);
    }

    @Override
    public String[] getProblems() {
        List<String> problems = call(control::status).problems();
        return problems == null ? new String[0] : problems.toArray(String[]::new);
    }

    @Override
    public String detach() {
        call(() -> {
            control.detach();
            return null;
        });
        return "detached";
    }
}
