package org.peerchain.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.wallet.AtomicFile;

/**
 * The key a node mines to when no {@code --mine-to} address is given: made once, kept in the data
 * directory as {@value #FILE_NAME} (the private key as 64 hex digits, owner-only, written atomically),
 * and never logged. Whoever holds the file can spend the coins mined to it.
 */
public final class MiningKey {
    public static final String FILE_NAME = "mining.key";
    private static final HexFormat HEX = HexFormat.of();
    private static final int HEX_LENGTH = Ed25519Keys.PRIVATE_KEY_SIZE * 2;

    private MiningKey() {
    }

    /** The key hash of the key in {@code dataDir}, making and storing a new key the first time. */
    public static KeyHash loadOrCreate(Path dataDir) throws NodeStartException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            byte[] privateKey = Files.exists(file) ? read(file) : create(file);
            try {
                return KeyHash.of(Ed25519Keys.fromPrivateKey(privateKey).publicKey());
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
        } catch (IOException e) {
            throw new NodeStartException("Cannot keep the mining key in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The private key stored in {@code dataDir}'s key file (for spending what was mined to it). */
    public static byte[] privateKey(Path dataDir) throws NodeStartException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return read(file);
        } catch (IOException e) {
            throw new NodeStartException("Cannot read the mining key " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException, NodeStartException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        if (text.length() != HEX_LENGTH || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new NodeStartException("The mining key file " + file + " is damaged: it should hold "
                    + HEX_LENGTH + " hex digits. Restore it from a backup, or move it away to make a new key"
                    + " (coins mined to the old key need the old file).");
        }
        return HEX.parseHex(text);
    }

    private static byte[] create(Path file) throws IOException {
        byte[] privateKey = Ed25519Keys.generate(new SecureRandom()).privateKey();
        byte[] text = (HEX.formatHex(privateKey) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            // The temporary file AtomicFile writes is created owner-only on POSIX systems; the rename keeps that.
            AtomicFile.writeAtomically(file, text);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        restrictToOwner(file);
        return privateKey;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user's profile directory already limits access.
        }
    }
}
