/**
 * The aiq-dev test kit for JUnit 5: {@link dev.aiq.junit.AiqDevApp @AiqDevApp} or
 * {@link dev.aiq.junit.AiqDevExtension} start the app under test in a child JVM under the aiq-dev agent, and the
 * {@link dev.aiq.junit.DevApp} handle edits its config, awaits reloads and reads the agent's status. The building
 * blocks ({@link dev.aiq.junit.AppProcess}, {@link dev.aiq.junit.ConfigEditor}, {@link dev.aiq.junit.ControlSocket},
 * {@link dev.aiq.junit.AiqDevCli}, {@link dev.aiq.junit.AgentJar}) work on their own too. See docs/testing.md.
 */
package dev.aiq.junit;
