/**
 * The control protocol's vocabulary, shared by the agent's control plane and the command line: the operations, the
 * records each reply carries, the error codes and the one JSON mapper. Depends on no other package of the agent.
 */
package dev.aiq.agent.protocol;
