/** The benchmarks of aiq-dev: JMH for the provider's hot path, whole processes for everything a developer feels. */
package dev.aiq.bench;
