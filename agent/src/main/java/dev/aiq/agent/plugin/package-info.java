/**
 * Plugin hot reload: the plugins locations agent-api's {@code Plugins.load} opens, each watched and rebuilt in a new
 * class loader over a private copy of what was hashed when a jar or class file changes, checked by replaying the config
 * providers against the new set and made live together with the config, or not at all; a replaced set is let go, and
 * its copy deleted once its loader is collected. Internal.
 */
package dev.aiq.agent.plugin;
