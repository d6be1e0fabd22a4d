/** Notices config changes: WatchService events first, a polling net second, a content hash to decide; then debounces. */
package dev.aiq.agent.watch;
