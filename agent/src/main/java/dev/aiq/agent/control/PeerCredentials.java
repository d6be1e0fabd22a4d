package dev.aiq.agent.control;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a control connection ({@code SO_PEERCRED}, read through
 * {@link ExtendedSocketOptions#SO_PEERCRED}) and who owns a process, as principals that compare by uid. Both ends use
 * it: the agent serves only its own user and root, the CLI talks only to the owner of its target. Internal.
 */
public final class PeerCredentials {

    private PeerCredentials() {
    }

    /**
     * The user of the process at the other end of {@code channel}.
     *
     * @throws IOException when the OS does not tell (then nobody is trusted)
     */
    public static UserPrincipal peerOf(SocketChannel channel) throws IOException {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer == null || peer.user() == null) {
                throw new IOException("the OS did not name the user at the other end of the control socket");
            }
            return peer.user();
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new IOException("cannot read the peer's credentials on this runtime (" + e + ")");
        }
    }

    /** This process's user. */
    public static UserPrincipal self() throws IOException {
        return user(SocketLocation.userId());
    }

    /** The superuser, uid 0. */
    public static UserPrincipal root() throws IOException {
        return user("0");
    }

    /** Whether {@code user} is this process's user. */
    static boolean isSelf(UserPrincipal user) {
        try {
            return user.equals(self());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The owner of the process {@code pid} as this process sees it ({@code /proc/<pid>}), or null when there is no
     * such process here.
     */
    public static UserPrincipal ownerOfProcess(long pid) {
        try {
            return Files.getOwner(Path.of("/proc", Long.toString(pid)), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The user with numeric id or name {@code user}. */
    private static UserPrincipal user(String user) throws IOException {
        // the lookup takes a numeric uid when no user has that name
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }
}
