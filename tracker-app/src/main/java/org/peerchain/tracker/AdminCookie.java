package org.peerchain.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The password of the status port's admin actions, kept as bitcoind keeps its RPC cookie: one line
 * {@code __cookie__:<64 hex>} in a file only its owner can read, beside the tracker's database and named after it
 * ({@code tracker.db.cookie}), made fresh at every start and removed at a clean stop. Whoever can read the file is
 * the tracker's operator; a client sends it as HTTP Basic credentials ({@code curl --user "$(cat FILE)"}).
 */
final class AdminCookie {
    static final String USER = "__cookie__";
    static final String SUFFIX = ".cookie";
    /** 256 bits, as bitcoind's cookie: guessing is hopeless, and the line stays short enough to paste. */
    static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final byte[] credentials;

    private AdminCookie(Path file, String password) {
        this.file = file;
        this.credentials = (USER + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** The cookie file of the tracker whose registry is {@code database}: beside it, its name plus {@value #SUFFIX}. */
    static Path fileFor(Path database) {
        Path absolute = database.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    /** Makes a new random cookie and writes it for the tracker whose registry is {@code database}. */
    static AdminCookie create(Path database) throws IOException {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        AdminCookie cookie = new AdminCookie(fileFor(database), HexFormat.of().formatHex(secret));
        cookie.write();
        return cookie;
    }

    Path file() {
        return file;
    }

    /**
     * True when {@code authorization} (an HTTP {@code Authorization} header, or null) carries this cookie as Basic
     * credentials; compared in constant time, so the answer's timing tells nothing of the secret.
     */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, credentials);
    }

    /**
     * Writes the file so that no other user can read it at any moment: a temporary file created owner-only before
     * the secret goes in, then moved over the old cookie in one step.
     */
    private void write() throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (!posix) {
                ownerOnly(tmp);
            }
            Files.write(tmp, (new String(credentials, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Where there are no POSIX permissions (Windows), the file's read and write rights go to its owner alone. */
    private static void ownerOnly(Path p) throws IOException {
        java.io.File f = p.toFile();
        if (!(f.setReadable(false, false) && f.setReadable(true, true) && f.setWritable(false, false)
                && f.setWritable(true, true))) {
            throw new IOException("cannot make " + p + " readable by its owner only");
        }
    }

    /** Removes the file (a clean stop); a stale cookie left by a crash is replaced at the next start. */
    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
