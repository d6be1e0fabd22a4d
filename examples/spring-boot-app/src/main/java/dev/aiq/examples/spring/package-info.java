/**
 * A Spring Boot web app in development mode: its workflow config bound from YAML by Spring's Binder in a
 * {@code @ConfigProvider}, and republished to the beans that use it on every reload.
 */
package dev.aiq.examples.spring;
