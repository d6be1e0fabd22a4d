/**
 * The public, dependency-free API of aiq-dev: what an app may use to cooperate with development mode.
 *
 * <p>Mark the method that loads the workflow config with {@link dev.aiq.api.ConfigProvider}; react to a new
 * config with {@link dev.aiq.api.DevMode#onReload(ReloadListener)}; veto a config with a
 * {@link dev.aiq.api.ConfigValidator}. {@link dev.aiq.api.ConfigOverrides} gives the AIQ toolkit's
 * {@code --override PATH VALUE} semantics to app and agent alike; {@link dev.aiq.api.Plugins#load} gives the app
 * its plugin components, which reload under the agent. Without the agent every call here is a cheap no-op (and
 * {@code Plugins.load} loads the plugins once).
 */
package dev.aiq.api;
