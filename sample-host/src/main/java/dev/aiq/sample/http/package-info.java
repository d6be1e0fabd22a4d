/**
 * The HTTP front end ({@code serve fastapi}) on the JDK's own server: {@link dev.aiq.sample.http.HttpFrontEnd} is
 * the entry point.
 */
package dev.aiq.sample.http;
