/**
 * A Spring Boot web app in development mode: its workflow config a {@code @ConfigurationProperties} bean bound by
 * Spring Boot from the workflow file, and rebound in place on every reload.
 */
package dev.aiq.examples.spring;
