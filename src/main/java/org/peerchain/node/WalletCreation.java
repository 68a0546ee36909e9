package org.peerchain.node;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.wallet.InvalidRecoveryPhraseException;
import org.peerchain.wallet.KeystoreException;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

/**
 * Making the wallet of a data directory before its node opens it: a new one from a fresh recovery phrase, or a
 * restored one from the phrase a user kept. The command line's {@code --create-wallet}/{@code --restore-wallet} and
 * the desktop's first-run screen both come through here, so neither reaches into the wallet's parts.
 *
 * <p>The caller holds the data directory while it does this ({@link DataDirectoryLock}), so that no node opens a
 * half-made wallet. A restored wallet is scanned from the chain's start when the node next opens it.
 */
public final class WalletCreation {
    /** Words of a recovery phrase (BIP39, 256 bits of entropy). */
    public static final int WORD_COUNT = RecoveryPhrase.WORD_COUNT;
    /** The shortest wallet password accepted: the keystore is only as strong as it. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private WalletCreation() {
    }

    /** True when {@code dataDir} already holds a wallet. */
    public static boolean exists(Path dataDir) {
        return Wallet.exists(dataDir);
    }

    /** The wallet's keystore file in {@code dataDir}, to name it in messages. */
    public static Path keystoreFile(Path dataDir) {
        return dataDir.resolve(Wallet.KEYSTORE_FILE);
    }

    /** A fresh recovery phrase of {@value #WORD_COUNT} words, in order; show it to the user once, never log it. */
    public static List<String> newRecoveryPhrase() {
        try (RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom())) {
            return phrase.words();
        }
    }

    /**
     * Reads a recovery phrase as a person typed it (any spacing, any letter case) and returns its words as the word
     * list spells them.
     *
     * @throws WalletCreationException saying what is wrong: the word count, an unknown word (which one, where, and
     *     the list's words closest to it), or a checksum that does not match
     */
    public static List<String> readRecoveryPhrase(String typed) throws WalletCreationException {
        try (RecoveryPhrase phrase = RecoveryPhrase.parse(typed)) {
            return phrase.words();
        } catch (InvalidRecoveryPhraseException e) {
            throw phraseProblem(e);
        }
    }

    /**
     * Makes the wallet of {@code dataDir} for the network {@code params}: its keystore encrypted under
     * {@code password} and its database with the first keys. {@code restore} says the words come from an older
     * wallet, whose coins the node then finds by scanning the chain; a new wallet starts at the chain's tip.
     * Never overwrites a wallet. The words and password are not kept.
     *
     * @param bip39Passphrase the optional BIP39 passphrase (the "25th word"); empty for none
     * @throws WalletCreationException with the reason: a bad phrase, a too short password, a wallet already there,
     *     or the files could not be written
     */
    public static void create(Path dataDir, ChainParams params, char[] password, List<String> words,
            String bip39Passphrase, boolean restore) throws WalletCreationException {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new WalletCreationException(WalletCreationException.Reason.INVALID_PASSWORD,
                    "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (exists(dataDir)) {
            throw new WalletCreationException(WalletCreationException.Reason.ALREADY_EXISTS,
                    keystoreFile(dataDir) + " already exists; this data directory has a wallet");
        }
        RecoveryPhrase phrase;
        try {
            phrase = RecoveryPhrase.parse(String.join(" ", words));
        } catch (InvalidRecoveryPhraseException e) {
            throw phraseProblem(e);
        }
        try (phrase) {
            Wallet.create(dataDir, params, password, phrase, bip39Passphrase == null ? "" : bip39Passphrase, restore);
        } catch (KeystoreException e) {
            throw new WalletCreationException(reasonOf(e), e.getMessage(), e);
        } catch (IOException e) {
            throw new WalletCreationException(WalletCreationException.Reason.STORAGE, e.getMessage(), e);
        }
    }

    private static WalletCreationException phraseProblem(InvalidRecoveryPhraseException e) {
        WalletCreationException.Reason reason = switch (e.reason()) {
            case WRONG_WORD_COUNT -> WalletCreationException.Reason.WRONG_WORD_COUNT;
            case UNKNOWN_WORD -> WalletCreationException.Reason.UNKNOWN_WORD;
            case CHECKSUM_MISMATCH -> WalletCreationException.Reason.CHECKSUM_MISMATCH;
        };
        return new WalletCreationException(reason, e.getMessage(), e);
    }

    private static WalletCreationException.Reason reasonOf(KeystoreException e) {
        return switch (e.reason()) {
            case ALREADY_EXISTS -> WalletCreationException.Reason.ALREADY_EXISTS;
            case INVALID_PASSWORD -> WalletCreationException.Reason.INVALID_PASSWORD;
            // A keystore being made cannot have a wrong password or a damaged or unknown file: only its writing failed.
            case WRONG_PASSWORD, CORRUPTED, UNSUPPORTED_VERSION -> WalletCreationException.Reason.STORAGE;
        };
    }
}
