/**
 * {@code aiq-dev ui} against a real sample host, driven in Debian's headless Chromium (Selenium and chromium-driver)
 * and in Debian's headless Firefox ESR (WebDriver BiDi over the browser's own WebSocket, no driver).
 */
package dev.aiq.sample.ui;
