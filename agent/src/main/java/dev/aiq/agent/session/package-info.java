/** One session per config (an outermost provider call): its identity, its watch → debounce → reload pipeline and its state. */
package dev.aiq.agent.session;
