/** Turns a changed config into the live one: read, replay the provider, validate, swap, apply, or roll back. */
package dev.aiq.agent.reload;
