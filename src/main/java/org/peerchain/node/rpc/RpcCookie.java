package org.peerchain.node.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The RPC credentials in the data directory, as bitcoind's cookie: one line {@code __cookie__:<64 hex>},
 * readable only by the owner, made fresh at every start and removed on a clean stop.
 */
public record RpcCookie(String user, String password) {
    public static final String USER = "__cookie__";
    public static final String FILE_NAME = ".cookie";
    public static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** A new random cookie. */
    public static RpcCookie generate() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new RpcCookie(USER, HexFormat.of().formatHex(secret));
    }

    /** {@code user:password}, as sent in HTTP Basic authentication and stored in the file. */
    public String userColonPassword() {
        return user + ":" + password;
    }

    /**
     * Writes the cookie so that no other user can ever read it: a temporary file made owner-only before
     * anything is written to it, then moved over {@code file}.
     */
    public void writeTo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            if (!posix) {
                restrictToOwner(tmp);
            }
            Files.writeString(tmp, userColonPassword() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictToOwner(Path p) throws IOException {
        var f = p.toFile();
        boolean ok = f.setReadable(false, false) && f.setReadable(true, true)
                && f.setWritable(false, false) && f.setWritable(true, true);
        if (!ok) {
            throw new IOException("cannot make " + p + " readable by its owner only");
        }
    }

    /** Reads a cookie file; the message says what is wrong with a missing or malformed one. */
    public static RpcCookie read(Path file) throws IOException {
        String line;
        try {
            line = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "RPC cookie file not found (is the node running with this data directory?)");
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || colon == line.length() - 1 || line.contains("\n")) {
            throw new IOException("RPC cookie file " + file + " is malformed: expected one line user:password");
        }
        return new RpcCookie(line.substring(0, colon), line.substring(colon + 1));
    }
}
