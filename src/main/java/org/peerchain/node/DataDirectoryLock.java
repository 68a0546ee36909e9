package org.peerchain.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held for the life of the node, so that two processes never
 * write the same chain. The operating system releases it when the process dies, however it dies.
 */
public final class DataDirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with a message that says another process holds it. */
    public static DataDirectoryLock acquire(Path dir) throws NodeStartException {
        Path file = dir.resolve(FILE_NAME);
        try {
            PrivateFiles.folder(dir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new NodeStartException("Another PeerChain process is already using the data directory " + dir
                        + ". Stop it first, or choose another directory with --datadir.");
            }
            return new DataDirectoryLock(ch, l);
        } catch (IOException e) {
            throw new NodeStartException("Cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process is ending or the directory is gone; the OS drops the lock with the channel.
        }
    }
}
