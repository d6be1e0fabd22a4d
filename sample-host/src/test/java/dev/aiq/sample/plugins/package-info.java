/** Plugin hot reload in the sample host, end to end: plugin jars built by the tests, dropped into a running host. */
package dev.aiq.sample.plugins;
