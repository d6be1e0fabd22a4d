/**
 * Plugin hot reload: the plugins locations agent-api's {@code Plugins.load} opens, each watched and rebuilt in a new
 * class loader when a jar or class file changes, checked by replaying the config providers against the new set and
 * made live together with the config, or not at all; replaced loaders are closed and let go. Internal.
 */
package dev.aiq.agent.plugin;
