/**
 * The sample AIQ-style workflow app's command line, console front end and reload listener:
 * {@link dev.aiq.sample.SampleHost} is the entry point.
 */
package dev.aiq.sample;
