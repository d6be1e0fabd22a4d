package dev.aiq.agent.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the control socket of a process lives and how that place is kept private: a directory made fresh for each
 * JVM, {@code <base>/aiq-dev-<uid>-<random>/<pid>.sock}, created atomically with mode 0700 under a random name (so
 * nobody can make it first, and a directory someone pre-created changes nothing), with {@code $XDG_RUNTIME_DIR} as
 * the base when it is set and private, the temp directory otherwise. Also checks, for the CLI, that a published
 * socket lies where only its owner could have put it. Internal.
 */
public final class SocketLocation {

    /** Unix-domain socket paths are limited to 108 bytes by the OS; stay well below. */
    static final int MAX_PATH_BYTES = 100;

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_SOCKET = PosixFilePermissions.fromString("rw-------");

    private static final Pattern SOCKET_NAME = Pattern.compile("(\\d+)\\.sock");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SocketLocation() {
    }

    /**
     * The base directory of this JVM's socket directory: {@code $XDG_RUNTIME_DIR} when it is set to a directory of
     * this user that nobody else can enter, otherwise {@code tempDir}.
     */
    static Path base(String runtimeDir, Path tempDir) {
        if (runtimeDir == null || runtimeDir.isBlank()) {
            return tempDir;
        }
        try {
            Path runtime = Path.of(runtimeDir);
            PosixFileAttributes attributes = Files.readAttributes(runtime, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            boolean isPrivate = attributes.isDirectory() && isMine(attributes.owner())
                    && attributes.permissions().stream().noneMatch(GROUP_OR_OTHER::contains);
            return isPrivate && runtime.isAbsolute() ? runtime : tempDir;
        } catch (IOException | RuntimeException e) {
            return tempDir;
        }
    }

    /**
     * Makes a fresh private directory under {@code base} (or under {@code /tmp} when {@code base} would make the path
     * too long) and returns the path of {@code pid}'s socket in it; first removes the directories of this user's
     * JVMs that ended without removing theirs.
     *
     * @throws IOException when no private directory with a short enough path can be made, saying why
     */
    static Path freshSocket(Path base, long pid) throws IOException {
        String name = pid + ".sock";
        List<Path> candidates = List.of(base.toAbsolutePath(), Path.of("/tmp"));
        for (Path candidate : candidates) {
            // the random part is 19 digits at most; the check assumes the longest
            if (!fits(candidate.resolve(prefix() + "0".repeat(19)).resolve(name))) {
                continue;
            }
            removeStaleDirectories(candidate);
            Path directory = Files.createTempDirectory(candidate, prefix(),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            // umask may have taken bits off at creation; nobody can have changed the rest of it yet
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            return directory.resolve(name);
        }
        throw new IOException("the control socket's path under " + base + " would be longer than " + MAX_PATH_BYTES
                + " bytes, and so would one under /tmp");
    }

    /**
     * Checks that a socket published by {@code owner}'s JVM lies where only {@code owner} could have put it: the socket
     * and its directory belong to {@code owner}, neither is a symlink, and the directory is 0700.
     *
     * @throws IOException naming what is wrong
     */
    public static void checkOwnedBy(Path socket, UserPrincipal owner) throws IOException {
        Path directory = socket.toAbsolutePath().getParent();
        if (directory == null) {
            throw new IOException(socket + " is not in a directory");
        }
        PosixFileAttributes socketAttributes = Files.readAttributes(socket, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes directoryAttributes = Files.readAttributes(directory, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (socketAttributes.isSymbolicLink() || !socketAttributes.isOther()) {
            throw new IOException(socket + " is not a socket");
        }
        if (!socketAttributes.owner().equals(owner)) {
            throw new IOException(socket + " belongs to " + socketAttributes.owner().getName() + ", not to "
                    + owner.getName());
        }
        if (!directoryAttributes.isDirectory() || !directoryAttributes.owner().equals(owner)) {
            throw new IOException("the directory of " + socket + " does not belong to " + owner.getName());
        }
        if (directoryAttributes.permissions().stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new IOException("the directory of " + socket + " is open to others ("
                    + PosixFilePermissions.toString(directoryAttributes.permissions()) + "), not 0700");
        }
    }

    /** The pid a socket's file name gives ({@code 4242.sock}), or -1. */
    public static long pidOf(Path socket) {
        Path name = socket.getFileName();
        Matcher matcher = name == null ? null : SOCKET_NAME.matcher(name.toString());
        if (matcher == null || !matcher.matches() || matcher.group(1).length() > 18) {
            return -1;
        }
        return Long.parseLong(matcher.group(1));
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

    /**
     * Removes {@code aiq-dev-<uid>-*} directories of this user under {@code base} that hold nothing but sockets of
     * processes that have ended. A directory without a socket is left alone: its JVM may be about to bind.
     */
    static void removeStaleDirectories(Path base) {
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(base, prefix() + "*")) {
            for (Path directory : directories) {
                removeIfStale(directory);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover directory costs nothing but its inode
        }
    }

    private static void removeIfStale(Path directory) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() || !isMine(attributes.owner())) {
            return;
        }
        List<Path> entries;
        try (var listing = Files.list(directory)) {
            entries = listing.toList();
        }
        boolean stale = !entries.isEmpty() && entries.stream().allMatch(entry -> {
            long pid = pidOf(entry);
            return pid > 0 && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        });
        if (stale) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(directory);
        }
    }

    private static boolean isMine(UserPrincipal owner) {
        return PeerCredentials.isSelf(owner);
    }

    private static String prefix() {
        return directoryPrefix(userId());
    }

    /** How the socket directories of the user with numeric id {@code uid} begin: {@code aiq-dev-<uid>-}. */
    public static String directoryPrefix(String uid) {
        return "aiq-dev-" + uid + "-";
    }

    private static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length < MAX_PATH_BYTES;
    }
}
