/** A small app whose config is a YAML greeting: the app of the test kit's user-side tests. */
package dev.aiq.examples.greeting;
