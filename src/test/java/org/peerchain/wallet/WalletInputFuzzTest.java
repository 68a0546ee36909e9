package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets for what a wallet reads from outside: the keystore file (a damaged disk, a file from
 * elsewhere) and a recovery phrase as a person types it. Allowed failures: a {@link KeystoreException}
 * naming the file, an {@link InvalidRecoveryPhraseException} with its reason; both with a message.
 */
class WalletInputFuzzTest {
    /** The password the seed keystores in the corpus were made with ({@link Keystore#MIN_ITERATIONS}). */
    static final char[] PASSWORD = "fuzzing password".toCharArray();
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("keystore-fuzz");
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @FuzzTest
    void keystoreFileOpensOrIsRejectedNamingTheFile(byte[] contents) throws IOException {
        Path file = dir.resolve("wallet.keystore");
        Files.write(file, contents);
        try (Keystore ks = Keystore.open(file, PASSWORD.clone())) {
            assertEquals(RecoveryPhrase.SEED_BYTES, ks.seed().length, "an opened keystore holds a whole seed");
            ks.keyChain().destroy();
        } catch (KeystoreException e) {
            assertNotNull(e.reason());
            assertNotNull(e.getMessage());
            if (e instanceof KeystoreCorruptedException) {
                assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
            }
        }
    }

    @FuzzTest
    void recoveryPhraseParsesOrSaysWhatIsWrong(byte[] typed) {
        String text = new String(typed, StandardCharsets.UTF_8);
        RecoveryPhrase phrase;
        try {
            phrase = RecoveryPhrase.parse(text);
        } catch (InvalidRecoveryPhraseException e) {
            assertNotNull(e.reason());
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the error says what is wrong");
            return;
        }
        try (phrase) {
            assertEquals(RecoveryPhrase.WORD_COUNT, phrase.words().size());
            try (RecoveryPhrase again = RecoveryPhrase.parse(String.join(" ", phrase.words()))) {
                assertTrue(again.sameAs(phrase), "a parsed phrase reads back as itself");
            }
        }
    }
}
