/**
 * End-to-end tests of several configs in one JVM: small hosts of the tests' own in the shapes real loaders have (one
 * loader read for two files on every tick, a loader that calls itself for sub-configs, a loader that reads a file no
 * config names), run as child JVMs under the built aiq-dev jar, their files edited on disk and every effect checked
 * on the lines the host prints and on the command line's answers.
 */
package dev.aiq.sample.configs;
