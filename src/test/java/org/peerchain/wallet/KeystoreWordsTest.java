package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keystore version 2 keeps the recovery words; a version 1 file (made by the previous PeerChain) still opens. */
@Timeout(60)
class KeystoreWordsTest {
    private static final int FAST = Keystore.MIN_ITERATIONS;
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    /** The fixture keystore-v1.json was written by the version 1 code under this password, from this phrase. */
    private static final char[] V1_PASSWORD = "version one password".toCharArray();
    private static final String V1_WORDS = "adapt explain ecology dinner glare old unfair empty expect road off suggest"
            + " dash dolphin captain version oval census uncover inform arrest trash first nice";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("wallet.keystore");
    }

    private Path v1Fixture() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/wallet/keystore-v1.json")) {
            Files.write(file(), in.readAllBytes());
        }
        return file();
    }

    private static int versionInFile(Path f) throws Exception {
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject().get("version").getAsInt();
    }

    @Test
    void aVersionOneFileWrittenByThePreviousCodeStillOpensWithItsSeedAndCounters() throws Exception {
        Path f = v1Fixture();
        byte[] expectedSeed;
        try (RecoveryPhrase p = RecoveryPhrase.parse(V1_WORDS)) {
            expectedSeed = p.toSeed("");
        }
        try (Keystore ks = Keystore.open(f, V1_PASSWORD.clone())) {
            assertArrayEquals(expectedSeed, ks.seed());
            assertEquals(new KeyChainCounters(1, 0), ks.counters());
            assertEquals(Keystore.VERSION_WITHOUT_WORDS, ks.version());
            assertFalse(ks.hasRecoveryWords());
            var e = assertThrows(IllegalStateException.class, ks::recoveryWords);
            assertTrue(e.getMessage().contains("made before PeerChain kept the recovery words"), e.getMessage());
        }
    }

    @Test
    void aVersionOneFileStaysVersionOneThroughKeyReservationAndAPasswordChange() throws Exception {
        Path f = v1Fixture();
        try (Keystore ks = Keystore.open(f, V1_PASSWORD.clone())) {
            ks.reserve(KeyPath.RECEIVE);
            ks.changePassword(V1_PASSWORD.clone(), PASSWORD.clone(), FAST);
        }
        assertEquals(1, versionInFile(f));
        try (Keystore ks = Keystore.open(f, PASSWORD.clone())) {
            assertEquals(new KeyChainCounters(2, 0), ks.counters());
            assertFalse(ks.hasRecoveryWords());
        }
    }

    @Test
    void aKeystoreMadeWithTheWordsIsVersionTwoAndGivesTheSameWordsBackAfterReopeningAndAPasswordChange()
            throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom());
        List<String> words = phrase.words();
        try (Keystore ks = Keystore.create(file(), PASSWORD.clone(), phrase.toSeed(""), phrase.entropy(), "", FAST)) {
            assertEquals(Keystore.VERSION, ks.version());
            assertEquals(words, ks.recoveryWords());
            ks.reserve(KeyPath.CHANGE);
        }
        assertEquals(2, versionInFile(file()));
        String text = Files.readString(file());
        // One word alone can turn up by chance: "version" is a BIP39 word and a key of the file, and short
        // ones ("art", "ice") hide in base64. Two in a row, as the words are kept, cannot.
        for (int i = 0; i + 1 < words.size(); i++) {
            String pair = words.get(i) + " " + words.get(i + 1);
            assertFalse(text.contains(pair), "the words are not written in clear: found '" + pair + "'");
        }
        try (Keystore ks = Keystore.open(file(), PASSWORD.clone())) {
            assertEquals(words, ks.recoveryWords());
            assertEquals(new KeyChainCounters(0, 1), ks.counters());
            ks.changePassword(PASSWORD.clone(), "another good password".toCharArray(), FAST);
        }
        try (Keystore ks = Keystore.open(file(), "another good password".toCharArray())) {
            assertEquals(words, ks.recoveryWords());
        }
        try (Keystore backup = Keystore.open(Keystore.backupOf(file()), "another good password".toCharArray())) {
            assertEquals(words, backup.recoveryWords(), "the backup keeps the words too");
        }
    }

    @Test
    void aWrongPasswordOpensNoWords() throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom());
        Keystore.create(file(), PASSWORD.clone(), phrase.toSeed(""), phrase.entropy(), "", FAST).close();
        assertThrows(WrongPasswordException.class, () -> Keystore.open(file(), "not the password".toCharArray()));
    }

    @Test
    void theWordsSitInTheAuthenticatedCiphertextSoAnAlteredVersionIsCaught() throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom());
        Keystore.create(file(), PASSWORD.clone(), phrase.toSeed(""), phrase.entropy(), "", FAST).close();
        Files.writeString(file(), Files.readString(file()).replace("\"version\": 2", "\"version\": 1"));
        assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
    }

    @Test
    void entropyOfTheWrongSizeIsRefused() {
        byte[] seed = new byte[RecoveryPhrase.SEED_BYTES];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Keystore.create(file(), PASSWORD.clone(), seed, new byte[16], "", FAST));
        assertTrue(e.getMessage().contains("32 bytes, not 16"), e.getMessage());
    }
}
