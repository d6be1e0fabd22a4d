/** The Spring Boot example's tests: its loader on its own, and the app in a child JVM under the built agent. */
package dev.aiq.examples.spring;
