/**
 * {@code aiq-dev ui}: a page in the browser, served from the command line's own process on 127.0.0.1, that shows the
 * dev-mode JVMs of this user and edits their configs. It reaches every target through its control socket (the target
 * opens no TCP port); access needs a one-time token, then a cookie; the Host header is checked and no CORS is
 * answered. Internal.
 */
package dev.aiq.agent.ui;
