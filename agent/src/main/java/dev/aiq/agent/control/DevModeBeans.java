package dev.aiq.agent.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The MXBeans of development mode in one MBean server: the JVM's {@code dev.aiq:type=DevMode} and one
 * {@code dev.aiq:type=DevMode,config=<quoted name>} per config, registered as each config appears
 * ({@link DevModeControl#onConfigAdded}) and all unregistered by {@link #close()}. Thread-safe: configs may appear on
 * any thread while the plane closes on another. Internal.
 */
final class DevModeBeans implements AutoCloseable {

    /** The JVM-level bean's object name. */
    static final String JVM_BEAN = ControlPlane.MXBEAN_NAME;

    private final MBeanServer server;
    private final Consumer<String> problems;
    /** Guarded by {@code this}, as are the two fields below; newest last. */
    private final List<ObjectName> registered = new ArrayList<>();
    private final Set<ConfigControl> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private DevModeBeans(MBeanServer server, Consumer<String> problems) {
        this.server = server;
        this.problems = problems;
    }

    /**
     * Registers the JVM's bean and one bean per config of {@code control}, now and as configs appear.
     *
     * @param problems told, one line each, of a config bean that could not be registered or unregistered
     * @throws JMException when the JVM's bean cannot be registered (then no bean is)
     */
    static DevModeBeans register(DevModeControl control, MBeanServer server, Consumer<String> problems)
            throws JMException {
        DevModeBeans beans = new DevModeBeans(server, problems);
        beans.register(new ObjectName(JVM_BEAN), new StandardMBean(new DevModeBean(control), DevModeMXBean.class,
                true));
        // listen first, then add the configs already there: one that appears in between is seen twice, never missed
        control.onConfigAdded(beans::add);
        control.configs().forEach(beans::add);
        return beans;
    }

    /** The object name of {@code config}'s bean: {@code dev.aiq:type=DevMode,config="root.yml"}. */
    static ObjectName nameOf(ConfigControl config) {
        try {
            return new ObjectName(JVM_BEAN + ",config=" + ObjectName.quote(config.name()));
        } catch (MalformedObjectNameException e) {
            // quote() makes any name a valid value
            throw new IllegalStateException(e);
        }
    }

    /** Registers {@code config}'s bean, once; after {@link #close()}, does nothing. */
    synchronized void add(ConfigControl config) {
        if (closed || !seen.add(config)) {
            return;
        }
        ObjectName name = null;
        try {
            name = nameOf(config);
            register(name, new StandardMBean(new ConfigBean(() -> config), ConfigMXBean.class, true));
        } catch (JMException | RuntimeException e) {
            problems.accept("MXBean " + name + " not registered: " + RequestDispatcher.describe(e));
        }
    }

    /** Unregisters every bean, newest first. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = registered.size() - 1; i >= 0; i--) {
            ObjectName name = registered.get(i);
            try {
                server.unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                problems.accept("MXBean " + name + " not unregistered: " + RequestDispatcher.describe(e));
            }
        }
        registered.clear();
    }

    private synchronized void register(ObjectName name, StandardMBean bean) throws JMException {
        server.registerMBean(bean, name);
        registered.add(name);
    }
}
