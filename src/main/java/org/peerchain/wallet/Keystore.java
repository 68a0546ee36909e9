package org.peerchain.wallet;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;
import org.peerchain.core.Hash;

/**
 * The wallet's encrypted keystore file, open: it holds the BIP39 seed, the optional BIP39 passphrase, the
 * key-chain counters and (from version 2) the recovery words' entropy, encrypted with AES-256-GCM under a key derived
 * from the password by PBKDF2-HMAC-SHA256.
 *
 * <p>Versions: a version 1 file keeps only the seed derived from the words, so its words cannot be shown again;
 * version 2 also keeps the 32 bytes of entropy the words encode, in the same ciphertext as the seed. A keystore is
 * written as version 2 exactly when it holds the words, so a version 1 file stays version 1 (and readable by an older
 * PeerChain) through counter updates and password changes.
 *
 * <p>The file is JSON. Its header (in clear) names the KDF, its iteration count and salt, the cipher and its
 * nonce, a password check value and a header checksum, so the iteration count can be raised later and a
 * damaged file is told apart from a wrong password:
 * <ul>
 *   <li>the header checksum (SHA-256 of the header) catches accidental damage to the header;</li>
 *   <li>the password check value (HMAC of the KDF output, not the encryption key) says whether the password is
 *       right before decrypting, at no gain to a guesser: testing a guess costs the full KDF either way;</li>
 *   <li>the GCM tag, over the ciphertext with the header as associated data, catches any change to either once
 *       the password is known right.</li>
 * </ul>
 * Every write is atomic ({@link AtomicFile}) and keeps the previous version as {@code NAME.bak}. While open,
 * the seed, passphrase and encryption key sit in byte arrays that {@link #close()} wipes.
 */
public final class Keystore implements Destroyable, AutoCloseable {
    public static final String FORMAT = "peerchain-keystore";
    /** The newest version this program reads and writes: the one that keeps the recovery words. */
    public static final int VERSION = 2;
    /** The first version: the seed alone, the words not kept. */
    public static final int VERSION_WITHOUT_WORDS = 1;
    public static final String KDF_NAME = "PBKDF2-HMAC-SHA256";
    public static final String CIPHER_NAME = "AES-256-GCM";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Bounds on a file's iteration count: below, it protects nothing; above, opening it would hang for hours. */
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 100_000_000;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int KEY_BYTES = 32;
    static final int CHECK_BYTES = 16;
    static final int HEADER_CHECKSUM_BYTES = 8;
    static final int TAG_BITS = 128;
    static final int MAX_FILE_BYTES = 64 * 1024;
    static final int MAX_PASSPHRASE_BYTES = 1024;
    /** The layout of the decrypted contents, one per file version. */
    private static final int PAYLOAD_WITHOUT_WORDS = 1;
    private static final int PAYLOAD_WITH_WORDS = 2;
    private static final byte[] ENCRYPTION_LABEL = "peerchain keystore encryption key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_LABEL = "peerchain keystore password check".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final byte[] seed;
    private final byte[] bip39Passphrase;
    /** The recovery words' entropy, or an empty array for a version 1 keystore that never had it. */
    private final byte[] entropy;
    private byte[] encryptionKey;
    private Header header;
    private KeyChainCounters counters;
    /** SHA-256 of the file as last read or written here: the backup is only ever a version known good. */
    private byte[] fileDigest;
    private volatile boolean destroyed;

    private Keystore(Path file, byte[] seed, byte[] bip39Passphrase, byte[] entropy, byte[] encryptionKey,
            Header header, KeyChainCounters counters) {
        this.file = file;
        this.seed = seed;
        this.bip39Passphrase = bip39Passphrase;
        this.entropy = entropy;
        this.encryptionKey = encryptionKey;
        this.header = header;
        this.counters = counters;
    }

    /** The clear header: what is needed to derive the key and check it. */
    private record Header(int version, int iterations, byte[] salt, byte[] nonce, byte[] passwordCheck) {
        /** The exact bytes the checksum and the GCM associated data cover. */
        byte[] canonical() {
            return (FORMAT + "|" + version + "|" + KDF_NAME + "|" + iterations + "|" + HEX.formatHex(salt) + "|"
                    + CIPHER_NAME + "|" + HEX.formatHex(nonce) + "|" + HEX.formatHex(passwordCheck))
                    .getBytes(StandardCharsets.US_ASCII);
        }

        byte[] checksum() {
            return Arrays.copyOf(Hash.sha256().digest(canonical()), HEADER_CHECKSUM_BYTES);
        }
    }

    public static Path backupOf(Path file) {
        return AtomicFile.backupOf(file);
    }

    /**
     * Creates a version 1 keystore (the seed alone, its words not kept) with the default {@value #DEFAULT_ITERATIONS}
     * iterations: for a seed that comes without words. A wallet made from words uses
     * {@link #create(Path, char[], byte[], byte[], String, int)}.
     */
    public static Keystore create(Path file, char[] password, byte[] seed, String bip39Passphrase)
            throws IOException, KeystoreException {
        return create(file, password, seed, bip39Passphrase, DEFAULT_ITERATIONS);
    }

    /** As {@link #create(Path, char[], byte[], String)} with {@code iterations}. */
    public static Keystore create(Path file, char[] password, byte[] seed, String bip39Passphrase, int iterations)
            throws IOException, KeystoreException {
        return create(file, password, seed, new byte[0], bip39Passphrase, iterations);
    }

    /**
     * Creates a new keystore at {@code file} (and its first backup beside it) and returns it open. Refuses to
     * overwrite an existing file. The seed and entropy arrays are copied; the caller wipes its own.
     *
     * @param entropy the {@value RecoveryPhrase#ENTROPY_BYTES} bytes the recovery words encode, kept so the words can
     *     be shown again (version 2); empty to keep the seed alone (version 1)
     */
    public static Keystore create(Path file, char[] password, byte[] seed, byte[] entropy, String bip39Passphrase,
            int iterations) throws IOException, KeystoreException {
        checkPassword(password);
        if (entropy.length != 0 && entropy.length != RecoveryPhrase.ENTROPY_BYTES) {
            throw new IllegalArgumentException("the recovery words' entropy is " + RecoveryPhrase.ENTROPY_BYTES
                    + " bytes, not " + entropy.length);
        }
        checkIterations(iterations);
        if (Files.exists(file)) {
            throw new KeystoreException(KeystoreException.Reason.ALREADY_EXISTS,
                    "a keystore already exists at " + file + ": refusing to overwrite it");
        }
        byte[] passphrase = (bip39Passphrase == null ? "" : bip39Passphrase).getBytes(StandardCharsets.UTF_8);
        if (passphrase.length > MAX_PASSPHRASE_BYTES) {
            throw new IllegalArgumentException("the BIP39 passphrase is over " + MAX_PASSPHRASE_BYTES + " bytes");
        }
        byte[] salt = random(SALT_BYTES);
        byte[][] keys = deriveKeys(password, salt, iterations);
        Header header = new Header(entropy.length == 0 ? VERSION_WITHOUT_WORDS : VERSION, iterations, salt,
                new byte[NONCE_BYTES], keys[1]);
        Keystore ks = new Keystore(file, seed.clone(), passphrase, entropy.clone(), keys[0], header,
                KeyChainCounters.START);
        byte[] written = ks.write(false);
        AtomicFile.writeAtomically(backupOf(file), written);
        return ks;
    }

    /**
     * Opens and decrypts the keystore at {@code file}.
     *
     * @throws WrongPasswordException if the password is wrong (the file is intact)
     * @throws KeystoreCorruptedException naming the file and what is wrong with it
     * @throws KeystoreException if the file is of a newer version than this program reads
     */
    public static Keystore open(Path file, char[] password) throws IOException, KeystoreException {
        checkPassword(password);
        byte[] raw = readLimited(file);
        JsonObject json = parse(file, raw);
        Header header = readHeader(file, json);
        byte[] ciphertext = base64(file, json, "ciphertext");
        byte[][] keys = deriveKeys(password, header.salt(), header.iterations());
        if (!MessageDigest.isEqual(keys[1], header.passwordCheck())) {
            Arrays.fill(keys[0], (byte) 0);
            throw new WrongPasswordException();
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, keys[0], header).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            Arrays.fill(keys[0], (byte) 0);
            throw new KeystoreCorruptedException(file, "its encrypted part fails authentication although the password "
                    + "is right, so the file was damaged or altered");
        } catch (GeneralSecurityException e) {
            Arrays.fill(keys[0], (byte) 0);
            throw new KeystoreCorruptedException(file, "its encrypted part cannot be decrypted (" + e.getMessage() + ")", e);
        }
        try {
            Keystore ks = decodePayload(file, plain, keys[0], header);
            ks.fileDigest = Hash.sha256().digest(raw);
            return ks;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens the backup {@code file.bak} and, if it opens, makes it the main file again (the backup is left as
     * it is). For when the main file is damaged.
     */
    public static Keystore restoreFromBackup(Path file, char[] password) throws IOException, KeystoreException {
        Path backup = backupOf(file);
        Keystore fromBackup = open(backup, password);
        byte[] raw = Files.readAllBytes(backup);
        AtomicFile.writeAtomically(file, raw);
        Keystore ks = new Keystore(file, fromBackup.seed.clone(), fromBackup.bip39Passphrase.clone(),
                fromBackup.entropy.clone(), fromBackup.encryptionKey.clone(), fromBackup.header, fromBackup.counters);
        ks.fileDigest = Hash.sha256().digest(raw);
        fromBackup.close();
        return ks;
    }

    public Path file() {
        return file;
    }

    /** The 64-byte BIP39 seed (a copy: wipe it when done). */
    public byte[] seed() {
        checkOpen();
        return seed.clone();
    }

    /** A new key chain over this keystore's seed; the caller destroys it. */
    public KeyChain keyChain() {
        checkOpen();
        byte[] s = seed.clone();
        try {
            return KeyChain.fromSeed(s);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /** The file's format version: {@value #VERSION} when it keeps the recovery words, else {@value #VERSION_WITHOUT_WORDS}. */
    public int version() {
        return header.version();
    }

    /** Whether this keystore keeps its recovery words (version 2); a version 1 keystore kept the seed alone. */
    public boolean hasRecoveryWords() {
        checkOpen();
        return entropy.length > 0;
    }

    /**
     * The recovery words, in order, as they were shown when the wallet was made. Show them to the user; never log them.
     *
     * @throws IllegalStateException for a version 1 keystore, which never kept them
     */
    public List<String> recoveryWords() {
        checkOpen();
        if (entropy.length == 0) {
            throw new IllegalStateException("this keystore (version " + header.version() + ") was made before PeerChain"
                    + " kept the recovery words");
        }
        try (RecoveryPhrase phrase = RecoveryPhrase.fromEntropy(entropy)) {
            return phrase.words();
        }
    }

    public boolean hasBip39Passphrase() {
        checkOpen();
        return bip39Passphrase.length > 0;
    }

    public synchronized KeyChainCounters counters() {
        return counters;
    }

    public int iterations() {
        return header.iterations();
    }

    /** Hands out the next key of {@code chain} (receive or change), saving the counter before returning it. */
    public synchronized KeyPath reserve(int chain) throws IOException {
        checkOpen();
        KeyPath path = new KeyPath(chain, counters.next(chain));
        KeyChainCounters previous = counters;
        counters = counters.advance(chain);
        try {
            write(true);
        } catch (IOException | RuntimeException e) {
            counters = previous;
            throw e;
        }
        return path;
    }

    /**
     * Re-encrypts under {@code newPassword} with a fresh salt, after checking {@code oldPassword} against the
     * file. The backup is rewritten under the new password too, so the old password opens nothing afterwards.
     */
    public synchronized void changePassword(char[] oldPassword, char[] newPassword, int iterations)
            throws IOException, KeystoreException {
        checkOpen();
        checkPassword(newPassword);
        checkIterations(iterations);
        byte[][] old = deriveKeys(oldPassword, header.salt(), header.iterations());
        Arrays.fill(old[0], (byte) 0);
        if (!MessageDigest.isEqual(old[1], header.passwordCheck())) {
            throw new WrongPasswordException();
        }
        byte[] salt = random(SALT_BYTES);
        byte[][] keys = deriveKeys(newPassword, salt, iterations);
        byte[] previousKey = encryptionKey;
        Header previousHeader = header;
        encryptionKey = keys[0];
        header = new Header(previousHeader.version(), iterations, salt, new byte[NONCE_BYTES], keys[1]);
        try {
            byte[] written = write(true);
            AtomicFile.writeAtomically(backupOf(file), written);
            Arrays.fill(previousKey, (byte) 0);
        } catch (IOException | RuntimeException e) {
            encryptionKey = previousKey;
            header = previousHeader;
            throw e;
        }
    }

    /** As {@link #changePassword(char[], char[], int)}, keeping the file's iteration count or raising it to the default. */
    public void changePassword(char[] oldPassword, char[] newPassword) throws IOException, KeystoreException {
        changePassword(oldPassword, newPassword, Math.max(header.iterations(), DEFAULT_ITERATIONS));
    }

    @Override
    public synchronized void destroy() {
        destroyed = true;
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(bip39Passphrase, (byte) 0);
        Arrays.fill(entropy, (byte) 0);
        Arrays.fill(encryptionKey, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Keystore[" + file + ", " + header.iterations() + " iterations, secrets hidden"
                + (destroyed ? ", closed" : "") + "]";
    }

    private void checkOpen() {
        if (destroyed) {
            throw new WalletLockedException();
        }
    }

    /** Encrypts the current state under a fresh nonce and replaces the file; returns the bytes written. */
    private byte[] write(boolean keepPrevious) throws IOException {
        header = new Header(header.version(), header.iterations(), header.salt(), random(NONCE_BYTES),
                header.passwordCheck());
        byte[] plain = encodePayload();
        byte[] ciphertext;
        try {
            ciphertext = cipher(Cipher.ENCRYPT_MODE, encryptionKey, header).doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed to encrypt", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        JsonObject kdf = new JsonObject();
        kdf.addProperty("name", KDF_NAME);
        kdf.addProperty("iterations", header.iterations());
        kdf.addProperty("salt", HEX.formatHex(header.salt()));
        JsonObject cipher = new JsonObject();
        cipher.addProperty("name", CIPHER_NAME);
        cipher.addProperty("nonce", HEX.formatHex(header.nonce()));
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("version", header.version());
        json.add("kdf", kdf);
        json.add("cipher", cipher);
        json.addProperty("passwordCheck", HEX.formatHex(header.passwordCheck()));
        json.addProperty("headerChecksum", HEX.formatHex(header.checksum()));
        json.addProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        byte[] bytes = (new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        boolean previousIsKnownGood = keepPrevious && fileDigest != null && Files.exists(file)
                && MessageDigest.isEqual(fileDigest, Hash.sha256().digest(Files.readAllBytes(file)));
        // A main file changed behind our back is not a version we know good: leave the backup as it is.
        AtomicFile.replace(file, bytes, previousIsKnownGood);
        fileDigest = Hash.sha256().digest(bytes);
        return bytes;
    }

    private byte[] encodePayload() {
        boolean withWords = entropy.length > 0;
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + seed.length + 2 + bip39Passphrase.length + 8
                + (withWords ? 2 + entropy.length : 0));
        b.put((byte) (withWords ? PAYLOAD_WITH_WORDS : PAYLOAD_WITHOUT_WORDS));
        b.putShort((short) seed.length).put(seed);
        b.putShort((short) bip39Passphrase.length).put(bip39Passphrase);
        b.putInt(counters.nextReceive()).putInt(counters.nextChange());
        if (withWords) {
            b.putShort((short) entropy.length).put(entropy);
        }
        return b.array();
    }

    private static Keystore decodePayload(Path file, byte[] plain, byte[] key, Header header)
            throws KeystoreCorruptedException {
        try {
            ByteBuffer b = ByteBuffer.wrap(plain);
            int layout = b.get();
            int expected = header.version() == VERSION ? PAYLOAD_WITH_WORDS : PAYLOAD_WITHOUT_WORDS;
            if (layout != expected) {
                throw new KeystoreCorruptedException(file, "its contents have layout " + layout + ", not the "
                        + expected + " of a version " + header.version() + " keystore");
            }
            byte[] seed = new byte[b.getShort()];
            b.get(seed);
            byte[] passphrase = new byte[b.getShort()];
            b.get(passphrase);
            KeyChainCounters counters = new KeyChainCounters(b.getInt(), b.getInt());
            byte[] entropy = new byte[layout == PAYLOAD_WITH_WORDS ? b.getShort() : 0];
            b.get(entropy);
            if (b.hasRemaining() || seed.length != RecoveryPhrase.SEED_BYTES
                    || (layout == PAYLOAD_WITH_WORDS && entropy.length != RecoveryPhrase.ENTROPY_BYTES)) {
                throw new KeystoreCorruptedException(file, "its decrypted contents have the wrong length");
            }
            return new Keystore(file, seed, passphrase, entropy, key, header, counters);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
            throw new KeystoreCorruptedException(file, "its decrypted contents are cut short or malformed", e);
        }
    }

    private static byte[] readLimited(Path file) throws IOException, KeystoreCorruptedException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new KeystoreCorruptedException(file, "it is " + size + " bytes, far more than a keystore (at most "
                    + MAX_FILE_BYTES + ")");
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length == 0) {
            throw new KeystoreCorruptedException(file, "it is empty");
        }
        return raw;
    }

    private static JsonObject parse(Path file, byte[] raw) throws KeystoreException {
        JsonElement e;
        try {
            e = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
        } catch (JsonParseException ex) {
            throw new KeystoreCorruptedException(file, "it is not valid JSON, perhaps truncated (" + ex.getMessage() + ")", ex);
        }
        if (!e.isJsonObject()) {
            throw new KeystoreCorruptedException(file, "it is JSON but not an object");
        }
        JsonObject json = e.getAsJsonObject();
        if (!FORMAT.equals(string(file, json, "format"))) {
            throw new KeystoreCorruptedException(file, "its format is not " + FORMAT);
        }
        int version = integer(file, json, "version");
        if (version != VERSION && version != VERSION_WITHOUT_WORDS) {
            throw new KeystoreException(KeystoreException.Reason.UNSUPPORTED_VERSION, "the keystore file " + file
                    + " has version " + version + "; this PeerChain reads versions " + VERSION_WITHOUT_WORDS + " and "
                    + VERSION);
        }
        return json;
    }

    private static Header readHeader(Path file, JsonObject json) throws KeystoreCorruptedException {
        int version = integer(file, json, "version");
        JsonObject kdf = object(file, json, "kdf");
        if (!KDF_NAME.equals(string(file, kdf, "name"))) {
            throw new KeystoreCorruptedException(file, "its KDF is '" + string(file, kdf, "name") + "', not " + KDF_NAME);
        }
        int iterations = integer(file, kdf, "iterations");
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new KeystoreCorruptedException(file, "its iteration count " + iterations + " is outside "
                    + MIN_ITERATIONS + " to " + MAX_ITERATIONS);
        }
        byte[] salt = hex(file, kdf, "salt", SALT_BYTES);
        JsonObject cipher = object(file, json, "cipher");
        if (!CIPHER_NAME.equals(string(file, cipher, "name"))) {
            throw new KeystoreCorruptedException(file, "its cipher is '" + string(file, cipher, "name") + "', not "
                    + CIPHER_NAME);
        }
        byte[] nonce = hex(file, cipher, "nonce", NONCE_BYTES);
        Header header = new Header(version, iterations, salt, nonce, hex(file, json, "passwordCheck", CHECK_BYTES));
        if (!MessageDigest.isEqual(header.checksum(), hex(file, json, "headerChecksum", HEADER_CHECKSUM_BYTES))) {
            throw new KeystoreCorruptedException(file, "its header checksum does not match its header");
        }
        return header;
    }

    private static JsonElement field(Path file, JsonObject o, String name) throws KeystoreCorruptedException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is missing");
        }
        return e;
    }

    private static JsonObject object(Path file, JsonObject o, String name) throws KeystoreCorruptedException {
        JsonElement e = field(file, o, name);
        if (!e.isJsonObject()) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is not an object");
        }
        return e.getAsJsonObject();
    }

    private static String string(Path file, JsonObject o, String name) throws KeystoreCorruptedException {
        JsonElement e = field(file, o, name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is not a string");
        }
        return e.getAsString();
    }

    private static int integer(Path file, JsonObject o, String name) throws KeystoreCorruptedException {
        JsonElement e = field(file, o, name);
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsBigDecimal().intValueExact();
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            // falls through to the error below (Gson refuses an exponent like 1E2222222 with NumberFormatException)
        }
        throw new KeystoreCorruptedException(file, "the field '" + name + "' is not a whole number");
    }

    private static byte[] hex(Path file, JsonObject o, String name, int length) throws KeystoreCorruptedException {
        String s = string(file, o, name);
        if (s.length() != length * 2) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is not " + length + " bytes of hex");
        }
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is not hex");
        }
    }

    private static byte[] base64(Path file, JsonObject o, String name) throws KeystoreCorruptedException {
        try {
            byte[] b = Base64.getDecoder().decode(string(file, o, name));
            if (b.length < TAG_BITS / 8) {
                throw new KeystoreCorruptedException(file, "the field '" + name + "' is too short to hold anything");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new KeystoreCorruptedException(file, "the field '" + name + "' is not Base64");
        }
    }

    private static Cipher cipher(int mode, byte[] key, Header header) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, header.nonce()));
        c.updateAAD(header.canonical());
        return c;
    }

    /** PBKDF2 gives one 32-byte master key; the encryption key and the check value are separate HMACs of it. */
    private static byte[][] deriveKeys(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
        byte[] master = null;
        try {
            master = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            byte[] encryption = mac.doFinal(ENCRYPTION_LABEL);
            byte[] check = Arrays.copyOf(mac.doFinal(CHECK_LABEL), CHECK_BYTES);
            return new byte[][] {encryption, check};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
        } finally {
            spec.clearPassword();
            if (master != null) {
                Arrays.fill(master, (byte) 0);
            }
        }
    }

    private static void checkPassword(char[] password) throws KeystoreException {
        if (password == null || password.length == 0) {
            throw new KeystoreException(KeystoreException.Reason.INVALID_PASSWORD, "the password is empty");
        }
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        int length = utf8.remaining();
        Arrays.fill(utf8.array(), (byte) 0);
        if (length > MAX_PASSPHRASE_BYTES) {
            throw new KeystoreException(KeystoreException.Reason.INVALID_PASSWORD,
                    "the password is over " + MAX_PASSPHRASE_BYTES + " bytes");
        }
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is outside " + MIN_ITERATIONS
                    + " to " + MAX_ITERATIONS);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
