/** The ADK example's end-to-end tests: the app in a child JVM under the built agent, its YAML edited on disk. */
package dev.aiq.examples.adk;
