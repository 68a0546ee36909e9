package org.peerchain.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.security.auth.Destroyable;
import org.peerchain.core.Hash;

/**
 * The wallet's recovery phrase: 24 words of the BIP39 English list encoding 256 bits of entropy and an
 * 8-bit checksum (the first byte of the entropy's SHA-256), exactly as BIP39. The seed that keys are
 * derived from is BIP39's: PBKDF2-HMAC-SHA512 of the phrase, salted with "mnemonic" and an optional
 * passphrase, 2048 iterations.
 *
 * <p>The entropy is held in a byte array that {@link #destroy()} wipes; {@link #toString()} never shows a word.
 */
public final class RecoveryPhrase implements Destroyable, AutoCloseable {
    public static final int ENTROPY_BYTES = 32;
    public static final int WORD_COUNT = 24;
    public static final int SEED_BYTES = 64;
    static final int BITS_PER_WORD = 11;
    static final int CHECKSUM_BITS = ENTROPY_BYTES * 8 / 32;
    static final int SEED_ITERATIONS = 2048;
    static final String SALT_PREFIX = "mnemonic";
    /** How many near words an "unknown word" error suggests. */
    static final int MAX_SUGGESTIONS = 3;
    /** An unknown word longer than this is shown cut short in the error (a pasted page is not echoed whole). */
    static final int MAX_SHOWN_WORD = 32;

    private final byte[] entropy;
    private volatile boolean destroyed;

    private RecoveryPhrase(byte[] entropy) {
        this.entropy = entropy;
    }

    /** A new phrase from 256 bits of {@code random}'s entropy. */
    public static RecoveryPhrase generate(SecureRandom random) {
        byte[] entropy = new byte[ENTROPY_BYTES];
        random.nextBytes(entropy);
        return new RecoveryPhrase(entropy);
    }

    /** The phrase that encodes these 32 bytes (the array is copied). */
    public static RecoveryPhrase fromEntropy(byte[] entropy) {
        if (entropy.length != ENTROPY_BYTES) {
            throw new IllegalArgumentException("a recovery phrase encodes " + ENTROPY_BYTES + " bytes of entropy, got "
                    + entropy.length);
        }
        return new RecoveryPhrase(entropy.clone());
    }

    /**
     * Reads a phrase as a person typed it: any whitespace between words, any letter case.
     *
     * @throws InvalidRecoveryPhraseException saying what is wrong: the word count, an unknown word (which one,
     *     where, and the list words closest to it), or a checksum that does not match
     */
    public static RecoveryPhrase parse(String text) {
        String normalized = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKD)
                .toLowerCase(Locale.ROOT).strip();
        String[] words = normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
        if (words.length != WORD_COUNT) {
            throw new InvalidRecoveryPhraseException(InvalidRecoveryPhraseException.Reason.WRONG_WORD_COUNT,
                    "a recovery phrase has " + WORD_COUNT + " words, this one has " + words.length);
        }
        Bip39WordList list = Bip39WordList.english();
        int[] indices = new int[WORD_COUNT];
        for (int i = 0; i < WORD_COUNT; i++) {
            int index = list.indexOf(words[i]);
            if (index < 0) {
                List<String> near = list.closestWords(words[i], MAX_SUGGESTIONS);
                throw new InvalidRecoveryPhraseException(InvalidRecoveryPhraseException.Reason.UNKNOWN_WORD,
                        "word " + (i + 1) + ", '" + abbreviate(words[i]) + "', is not in the word list; did you mean "
                                + String.join(", ", near) + "?");
            }
            indices[i] = index;
        }
        byte[] bits = new byte[ENTROPY_BYTES + 1];
        for (int i = 0; i < WORD_COUNT; i++) {
            writeBits(bits, i * BITS_PER_WORD, indices[i]);
        }
        Arrays.fill(indices, 0);
        byte[] entropy = Arrays.copyOf(bits, ENTROPY_BYTES);
        int checksum = bits[ENTROPY_BYTES] & 0xFF;
        Arrays.fill(bits, (byte) 0);
        if (checksum != checksumOf(entropy)) {
            Arrays.fill(entropy, (byte) 0);
            throw new InvalidRecoveryPhraseException(InvalidRecoveryPhraseException.Reason.CHECKSUM_MISMATCH,
                    "the checksum does not match: the words are valid but one is wrong or out of order");
        }
        return new RecoveryPhrase(entropy);
    }

    /** The 24 words, in order. Show them to the user once; never log them. */
    private static String abbreviate(String word) {
        return word.length() <= MAX_SHOWN_WORD ? word
                : word.substring(0, MAX_SHOWN_WORD) + "... (" + word.length() + " characters)";
    }

    public List<String> words() {
        checkNotDestroyed();
        Bip39WordList list = Bip39WordList.english();
        byte[] bits = Arrays.copyOf(entropy, ENTROPY_BYTES + 1);
        bits[ENTROPY_BYTES] = (byte) checksumOf(entropy);
        List<String> words = new ArrayList<>(WORD_COUNT);
        for (int i = 0; i < WORD_COUNT; i++) {
            words.add(list.word(readBits(bits, i * BITS_PER_WORD)));
        }
        Arrays.fill(bits, (byte) 0);
        return List.copyOf(words);
    }

    /** The entropy the words encode (a copy: wipe it when done). */
    public byte[] entropy() {
        checkNotDestroyed();
        return entropy.clone();
    }

    /** BIP39's 64-byte seed for this phrase and {@code passphrase} (empty for none). Wipe it when done. */
    public byte[] toSeed(String passphrase) {
        checkNotDestroyed();
        char[] mnemonic = String.join(" ", words()).toCharArray();
        String salt = SALT_PREFIX + Normalizer.normalize(passphrase == null ? "" : passphrase, Normalizer.Form.NFKD);
        PBEKeySpec spec = new PBEKeySpec(mnemonic, salt.getBytes(StandardCharsets.UTF_8), SEED_ITERATIONS,
                SEED_BYTES * 8);
        Arrays.fill(mnemonic, '\0');
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(entropy, (byte) 0);
        destroyed = true;
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
        return "RecoveryPhrase[" + WORD_COUNT + " words, hidden]";
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("this recovery phrase was wiped from memory");
        }
    }

    private static int checksumOf(byte[] entropy) {
        byte[] digest = Hash.sha256().digest(entropy);
        int checksum = (digest[0] & 0xFF) >>> (8 - CHECKSUM_BITS);
        Arrays.fill(digest, (byte) 0);
        return checksum;
    }

    private static void writeBits(byte[] out, int bitOffset, int value) {
        for (int b = 0; b < BITS_PER_WORD; b++) {
            if ((value >>> (BITS_PER_WORD - 1 - b) & 1) != 0) {
                int pos = bitOffset + b;
                out[pos >>> 3] |= (byte) (0x80 >>> (pos & 7));
            }
        }
    }

    private static int readBits(byte[] in, int bitOffset) {
        int value = 0;
        for (int b = 0; b < BITS_PER_WORD; b++) {
            int pos = bitOffset + b;
            value = value << 1 | (in[pos >>> 3] >>> (7 - (pos & 7)) & 1);
        }
        return value;
    }

    /** Constant-time comparison, for tests and restore checks that compare two phrases. */
    public boolean sameAs(RecoveryPhrase other) {
        return MessageDigest.isEqual(entropy, other.entropy);
    }
}
