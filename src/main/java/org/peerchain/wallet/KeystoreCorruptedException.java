package org.peerchain.wallet;

import java.nio.file.Path;

/** The keystore file is damaged, truncated or altered; the message names the file and what is wrong. */
public final class KeystoreCorruptedException extends KeystoreException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public KeystoreCorruptedException(Path file, String problem) {
        this(file, problem, null);
    }

    public KeystoreCorruptedException(Path file, String problem, Throwable cause) {
        super(Reason.CORRUPTED, "the keystore file " + file + " is damaged: " + problem + backupHint(file), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String backupHint(Path file) {
        return file.getFileName().toString().endsWith(AtomicFile.BACKUP_SUFFIX) ? ""
                : " (the backup " + AtomicFile.backupOf(file).getFileName() + " beside it may be intact)";
    }
}
