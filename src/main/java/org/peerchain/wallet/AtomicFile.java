package org.peerchain.wallet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new version, never a mix: the
 * new bytes go to a temporary file in the same directory, are forced to disk, and are moved over the target
 * with {@code ATOMIC_MOVE}; then the directory is forced so the rename itself is durable. The previous version
 * can be kept beside it as {@code NAME.bak}, placed the same way.
 */
public final class AtomicFile {
    public static final String BACKUP_SUFFIX = ".bak";
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    /** Writes {@code content} to {@code file} atomically; with {@code keepPrevious}, the old file becomes the backup. */
    public static void replace(Path file, byte[] content, boolean keepPrevious) throws IOException {
        Path dir = directoryOf(file);
        Files.createDirectories(dir);
        if (keepPrevious && Files.exists(file)) {
            writeAtomically(backupOf(file), Files.readAllBytes(file));
        }
        writeAtomically(file, content);
    }

    /** Writes {@code content} to {@code file} atomically, keeping no backup. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = directoryOf(file);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    private static Path directoryOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(file + " has no parent directory");
        }
        return parent;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some systems (Windows) cannot open a directory; the rename there is made durable by the file system.
        }
    }
}
