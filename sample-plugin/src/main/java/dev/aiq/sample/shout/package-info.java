/** The sample plugin: a function {@code _type} the sample host does not have built in. */
package dev.aiq.sample.shout;
