package dev.aiq.agent.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the control socket of a process lives, {@code <tmp>/aiq-dev-<uid>/<pid>.sock}, and how its directory is kept
 * private: made 0700, refused when it is a symlink or belongs to another user, cleared of sockets whose process is
 * gone. Internal.
 */
final class SocketLocation {

    /** Unix-domain socket paths are limited to 108 bytes by the OS; stay well below. */
    static final int MAX_PATH_BYTES = 100;

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_SOCKET = PosixFilePermissions.fromString("rw-------");

    private static final Pattern SOCKET_NAME = Pattern.compile("(\\d+)\\.sock");

    private SocketLocation() {
    }

    /**
     * Returns the socket path for {@code pid} under {@code tempDir}, or under {@code /tmp} when {@code tempDir} would
     * make it too long.
     *
     * @throws IOException when no short enough path exists
     */
    static Path socketFor(Path tempDir, long pid) throws IOException {
        String name = pid + ".sock";
        Path preferred = tempDir.toAbsolutePath().resolve("aiq-dev-" + userId()).resolve(name);
        if (fits(preferred)) {
            return preferred;
        }
        Path fallback = Path.of("/tmp", "aiq-dev-" + userId(), name);
        if (fits(fallback)) {
            return fallback;
        }
        throw new IOException("control socket path " + preferred + " is longer than " + MAX_PATH_BYTES + " bytes");
    }

    /**
     * Makes {@code directory} exist, owned by this user and 0700, and removes the sockets in it whose process has
     * ended.
     *
     * @throws IOException when the directory cannot be made private
     */
    static void prepare(Path directory) throws IOException {
        try {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // made earlier, by us or by someone else: checked below
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is not a directory (a symlink or a file is in its place)");
        }
        Object owner = ownerUid(directory);
        String uid = userId();
        if (owner != null && !String.valueOf(owner).equals(uid) && uid.chars().allMatch(Character::isDigit)) {
            throw new IOException(directory + " belongs to uid " + owner + ", not to this user (uid " + uid + ")");
        }
        // umask may have taken bits off at creation, and an old directory may have been loosened since
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        removeStaleSockets(directory);
    }

    /** Removes every {@code <pid>.sock} in {@code directory} whose process is no longer alive. */
    static void removeStaleSockets(Path directory) throws IOException {
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory, "*.sock")) {
            for (Path socket : sockets) {
                Matcher name = SOCKET_NAME.matcher(socket.getFileName().toString());
                if (name.matches() && !alive(name.group(1))) {
                    Files.deleteIfExists(socket);
                }
            }
        }
    }

    /** The numeric uid of this process's user, or the user name where uids cannot be read. */
    static String userId() {
        try {
            return Long.toString(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (Throwable e) {
            // a runtime without jdk.security.auth, or not a Unix
            return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Object ownerUid(Path directory) {
        try {
            return Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length < MAX_PATH_BYTES;
    }
}
