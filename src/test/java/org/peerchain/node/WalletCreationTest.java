package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.wallet.Keystore;

/** {@link WalletCreation}: what the command line and the first-run screen make a wallet with, on real files. */
@Timeout(120)
class WalletCreationTest {
    private static final ChainParams PARAMS = ChainParams.REGTEST;
    private static final char[] PASSWORD = "a long enough password".toCharArray();
    /** BIP39's all-zero 256-bit entropy: 23 times "abandon", then the checksum word "art". */
    private static final List<String> ZERO_PHRASE = phrase("art");

    @TempDir
    Path created;
    @TempDir
    Path restored;

    @Test
    void aNewWalletRestoredFromItsWordsHasTheSameSeed() throws Exception {
        List<String> words = WalletCreation.newRecoveryPhrase();
        assertEquals(WalletCreation.WORD_COUNT, words.size());
        assertNotEquals(words, WalletCreation.newRecoveryPhrase(), "every phrase is fresh");
        assertFalse(WalletCreation.exists(created));

        WalletCreation.create(created, PARAMS, PASSWORD.clone(), words, "", false);
        List<String> typed = WalletCreation.readRecoveryPhrase("  " + String.join("   ", words).toUpperCase() + "\n");
        WalletCreation.create(restored, PARAMS, PASSWORD.clone(), typed, "", true);

        assertEquals(words, typed, "the phrase is read as a person types it: any spacing, any case");
        assertTrue(WalletCreation.exists(created));
        assertTrue(WalletCreation.exists(restored));
        try (Keystore a = Keystore.open(WalletCreation.keystoreFile(created), PASSWORD.clone());
                Keystore b = Keystore.open(WalletCreation.keystoreFile(restored), PASSWORD.clone())) {
            assertArrayEquals(a.seed(), b.seed());
        }
        assertFalse(Files.readString(WalletCreation.keystoreFile(created)).contains(words.get(0) + " " + words.get(1)),
                "the words are not kept");
    }

    @Test
    void aBip39PassphraseMakesAnotherSeedFromTheSameWords() throws Exception {
        WalletCreation.create(created, PARAMS, PASSWORD.clone(), ZERO_PHRASE, "", true);
        WalletCreation.create(restored, PARAMS, PASSWORD.clone(), ZERO_PHRASE, "TREZOR", true);

        try (Keystore a = Keystore.open(WalletCreation.keystoreFile(created), PASSWORD.clone());
                Keystore b = Keystore.open(WalletCreation.keystoreFile(restored), PASSWORD.clone())) {
            assertFalse(Arrays.equals(a.seed(), b.seed()));
        }
    }

    @Test
    void aMistypedPhraseIsRefusedWithItsReasonAndMakesNothing() {
        WalletCreationException count = assertThrows(WalletCreationException.class,
                () -> WalletCreation.readRecoveryPhrase("abandon ability able"));
        assertEquals(WalletCreationException.Reason.WRONG_WORD_COUNT, count.reason());
        assertTrue(count.inRecoveryPhrase());
        assertTrue(count.getMessage().contains("24 words, this one has 3"), count.getMessage());

        WalletCreationException unknown = assertThrows(WalletCreationException.class,
                () -> WalletCreation.readRecoveryPhrase(String.join(" ", phrase("bitcoinz"))));
        assertEquals(WalletCreationException.Reason.UNKNOWN_WORD, unknown.reason());
        assertTrue(unknown.getMessage().contains("word 24, 'bitcoinz'"), unknown.getMessage());

        WalletCreationException checksum = assertThrows(WalletCreationException.class,
                () -> WalletCreation.create(created, PARAMS, PASSWORD.clone(), phrase("abandon"), "", true));
        assertEquals(WalletCreationException.Reason.CHECKSUM_MISMATCH, checksum.reason());
        assertTrue(checksum.getMessage().contains("checksum does not match"), checksum.getMessage());
        assertFalse(WalletCreation.exists(created));
    }

    @Test
    void aShortPasswordAnExistingWalletOrAnUnwritableDirectoryAreRefusedSayingWhich() throws Exception {
        WalletCreationException shortPassword = assertThrows(WalletCreationException.class,
                () -> WalletCreation.create(created, PARAMS, "short".toCharArray(), ZERO_PHRASE, "", true));
        assertEquals(WalletCreationException.Reason.INVALID_PASSWORD, shortPassword.reason());
        assertTrue(shortPassword.getMessage().contains("at least " + WalletCreation.MIN_PASSWORD_LENGTH + " characters"));
        assertFalse(WalletCreation.exists(created));

        WalletCreation.create(created, PARAMS, PASSWORD.clone(), ZERO_PHRASE, "", true);
        WalletCreationException twice = assertThrows(WalletCreationException.class,
                () -> WalletCreation.create(created, PARAMS, PASSWORD.clone(), WalletCreation.newRecoveryPhrase(), "",
                        false));
        assertEquals(WalletCreationException.Reason.ALREADY_EXISTS, twice.reason());
        assertFalse(twice.inRecoveryPhrase());
        assertTrue(twice.getMessage().contains(WalletCreation.keystoreFile(created).toString()), twice.getMessage());

        Path aFile = Files.writeString(restored.resolve("not-a-directory"), "x");
        WalletCreationException storage = assertThrows(WalletCreationException.class,
                () -> WalletCreation.create(aFile, PARAMS, PASSWORD.clone(), ZERO_PHRASE, "", true));
        assertEquals(WalletCreationException.Reason.STORAGE, storage.reason());
        assertTrue(storage.getMessage().contains("not-a-directory"), storage.getMessage());
    }

    /** 23 times "abandon" and then {@code last}. */
    private static List<String> phrase(String last) {
        List<String> words = new ArrayList<>(Collections.nCopies(WalletCreation.WORD_COUNT - 1, "abandon"));
        words.add(last);
        return List.copyOf(words);
    }
}
