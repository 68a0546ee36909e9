package org.peerchain.ui.firstrun;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a typed data directory can hold a node's files, said in words when it cannot. Touches the disk. */
final class DataDirectoryCheck {
    private DataDirectoryCheck() {
    }

    /** The directory {@code typed} names, or why it cannot be used. */
    static Result check(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return Result.refused("Choose a data directory.");
        }
        Path dir;
        try {
            dir = Path.of(text);
        } catch (InvalidPathException e) {
            return Result.refused("\"" + text + "\" is not a path: " + e.getReason() + ".");
        }
        if (!dir.isAbsolute()) {
            return Result.refused("Give the whole path of the data directory, not \"" + text + "\".");
        }
        dir = dir.normalize();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                return Result.refused(dir + " is a file, not a directory.");
            }
            if (!Files.isWritable(dir)) {
                return Result.refused(dir + " cannot be written: choose another directory or change its permissions.");
            }
            return Result.ok(dir);
        }
        Path parent = dir.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            return Result.refused(dir + " cannot be made: no part of its path exists.");
        }
        if (!Files.isDirectory(parent)) {
            return Result.refused(dir + " cannot be made: " + parent + " is a file.");
        }
        if (!Files.isWritable(parent)) {
            return Result.refused(dir + " cannot be made: " + parent + " cannot be written.");
        }
        return Result.ok(dir);
    }

    record Result(Optional<Path> dir, String problem) {
        static Result ok(Path dir) {
            return new Result(Optional.of(dir), "");
        }

        static Result refused(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }
}
