/**
 * Shared test fixtures: a temp config directory with editor-style writers, a launcher for the sample host as a child
 * process, and a tiny HTTP client.
 */
package dev.aiq.sample.testing;
