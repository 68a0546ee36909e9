package org.peerchain.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory is its user's alone: the folder {@code rwx------} and the files in it (chain, wallet, address
 * book, keys, cookie) {@code rw-------}, where the file system has POSIX permissions. SQLite gives its {@code -wal}
 * and {@code -shm} files the database file's permissions, so files made later inherit the restriction once their
 * database has it. On other systems (Windows) the user's profile folder already keeps others out, and nothing is done.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

    private PrivateFiles() {
    }

    /** Makes {@code dir} if it is missing, and (whether new or not) keeps others out of it. */
    static void folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
    }

    /**
     * Keeps others out of every file directly in {@code dir}. A file that cannot be changed (another owner) is named
     * in the log and left as it is: the folder's own permission still keeps others out.
     */
    static void files(Path dir) {
        if (!posix(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isRegularFile).forEach(f -> {
                try {
                    Files.setPosixFilePermissions(f, FILE);
                } catch (IOException e) {
                    log.warn("cannot make {} private to its user: {}", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("cannot list {} to make its files private: {}", dir, e.getMessage());
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
