/**
 * End-to-end tests of development mode: the built sample host and aiq-dev jars as real JVMs, their config edited on
 * disk, every effect checked through the host's HTTP API, its answers and the lines it prints.
 */
package dev.aiq.sample.it;
