/**
 * Reads the workflow YAML into immutable records: {@link dev.aiq.sample.config.ConfigLoader} is the entry point.
 */
package dev.aiq.sample.config;
