/**
 * Shared test fixtures: a temp config directory with editor-style writers, a launcher for the sample host (or a
 * small host of the tests' own) as a child process, and a tiny HTTP client.
 */
package dev.aiq.sample.testing;
