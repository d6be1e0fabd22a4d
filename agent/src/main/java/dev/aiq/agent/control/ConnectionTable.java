package dev.aiq.agent.control;

import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open connections of a {@link ControlPlane}, with its caps: at {@value ControlPlane#MAX_CONNECTIONS_PER_USER}
 * of one user, or {@value ControlPlane#MAX_CONNECTIONS} in all, the connection quiet the longest is closed to make
 * room, so a cap is never a lock-out; a connection without a request served or a reply taken for longer than the
 * idle timeout is closed. Used by the serving thread only. Internal.
 */
final class ConnectionTable {

    private final List<ControlConnection> connections = new ArrayList<>();
    private final long idleTimeoutNanos;

    ConnectionTable(long idleTimeoutNanos) {
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** Closes what must go for one more connection of {@code peer}. */
    void makeRoomFor(UserPrincipal peer) {
        connections.removeIf(connection -> !connection.isOpen());
        List<ControlConnection> ofPeer = connections.stream()
                .filter(connection -> connection.peer().equals(peer)).toList();
        if (ofPeer.size() >= ControlPlane.MAX_CONNECTIONS_PER_USER) {
            evictQuietest(ofPeer);
        }
        if (connections.size() >= ControlPlane.MAX_CONNECTIONS) {
            evictQuietest(List.copyOf(connections));
        }
    }

    void add(ControlConnection connection) {
        connections.add(connection);
    }

    /** Closes the connections idle for longer than the timeout (followers wait by design) and forgets the closed ones. */
    void closeIdle(long now) {
        connections.removeIf(connection -> {
            if (!connection.isFollowing() && now - connection.lastActivity() > idleTimeoutNanos) {
                connection.close();
                return true;
            }
            return !connection.isOpen();
        });
    }

    void closeAll() {
        connections.forEach(ControlConnection::close);
        connections.clear();
    }

    /** Closes the connection with nothing in progress that was active the longest ago (busy ones only if needed). */
    private void evictQuietest(List<ControlConnection> candidates) {
        candidates.stream()
                .min(Comparator.comparing((ControlConnection connection) -> !connection.isQuiet())
                        .thenComparingLong(ControlConnection::lastActivity))
                .ifPresent(quietest -> {
                    quietest.close();
                    connections.remove(quietest);
                });
    }
}
