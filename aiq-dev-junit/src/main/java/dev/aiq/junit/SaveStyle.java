package dev.aiq.junit;

/** The ways a config file gets saved, each one a different sequence of file-system events for the watcher. */
public enum SaveStyle {
    /** Truncate and rewrite, same inode. */
    IN_PLACE,
    /** Temp file in the same directory renamed over the file. */
    ATOMIC_RENAME,
    /** Vim's: create and delete the probe {@code 4913}, rename to {@code name~}, write anew, delete the backup. */
    VIM,
    /** JetBrains' safe write: {@code ___jb_tmp___} and {@code ___jb_old___}. */
    JETBRAINS,
    /** Delete, then create. */
    DELETE_AND_RECREATE,
    /** The file is a symlink swapped atomically to a new target. */
    SYMLINK_SWAP,
    /** A mounted Kubernetes ConfigMap: {@code ..data} swapped to a new timestamped directory. */
    KUBERNETES_CONFIGMAP
}
