package org.peerchain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A copy of a chain database's files as a kill would leave them: {@code chain.db} and its write-ahead log, taken
 * while the database is open. The log is read before and after the main file is copied, and the copy taken again
 * if a commit (or a checkpoint's reset of the log) came in between.
 */
public final class CrashImage {
    private static final String FILE = "chain.db";

    private CrashImage() {
    }

    public static void take(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Path wal = from.resolve(FILE + "-wal");
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] before = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
            Files.copy(from.resolve(FILE), to.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            byte[] after = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
            if (Arrays.equals(before, after)) {
                Files.write(to.resolve(FILE + "-wal"), before);
                return;
            }
        }
        throw new IllegalStateException("the chain database in " + from + " kept changing while it was copied");
    }
}
