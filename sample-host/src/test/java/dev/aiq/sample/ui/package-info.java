/** {@code aiq-dev ui} against a real sample host, driven in Debian's headless Chromium. */
package dev.aiq.sample.ui;
