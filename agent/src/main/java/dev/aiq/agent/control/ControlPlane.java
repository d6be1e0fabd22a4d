package dev.aiq.agent.control;

/** STUB until the control branch lands. */
public final class ControlPlane implements AutoCloseable {
    public static ControlPlane start(DevModeControl control) {
        return new ControlPlane();
    }

    @Override
    public void close() {
    }
}
