/** The sample host's plugin functions: the {@code FunctionPlugin} service and the live set from {@code --plugins}. */
package dev.aiq.sample.plugin;
