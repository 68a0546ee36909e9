package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class KeystoreTest {
    private static final int FAST = Keystore.MIN_ITERATIONS;
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private final RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom());
    private final byte[] seed = phrase.toSeed("");

    private Path file() {
        return dir.resolve("wallet.keystore");
    }

    private Keystore create() throws Exception {
        return Keystore.create(file(), PASSWORD.clone(), seed, "", FAST);
    }

    @Test
    void theDefaultIterationCountIsAtLeastSixHundredThousandAndIsWrittenInTheHeader() throws Exception {
        assertTrue(Keystore.DEFAULT_ITERATIONS >= 600_000);
        try (Keystore ks = Keystore.create(file(), PASSWORD.clone(), seed, "")) {
            assertEquals(Keystore.DEFAULT_ITERATIONS, ks.iterations());
        }
        JsonObject json = JsonParser.parseString(Files.readString(file())).getAsJsonObject();
        assertEquals(1, json.get("version").getAsInt());
        assertEquals("PBKDF2-HMAC-SHA256", json.getAsJsonObject("kdf").get("name").getAsString());
        assertEquals(Keystore.DEFAULT_ITERATIONS, json.getAsJsonObject("kdf").get("iterations").getAsInt());
        assertEquals("AES-256-GCM", json.getAsJsonObject("cipher").get("name").getAsString());
    }

    @Test
    void reopensWithTheSameSeedAndCountersAfterReservingKeys() throws Exception {
        try (Keystore ks = create()) {
            assertEquals(KeyPath.receive(0), ks.reserve(KeyPath.RECEIVE));
            assertEquals(KeyPath.receive(1), ks.reserve(KeyPath.RECEIVE));
            assertEquals(KeyPath.change(0), ks.reserve(KeyPath.CHANGE));
        }
        try (Keystore ks = Keystore.open(file(), PASSWORD.clone())) {
            assertArrayEquals(seed, ks.seed());
            assertEquals(new KeyChainCounters(2, 1), ks.counters());
            assertFalse(ks.hasBip39Passphrase());
        }
    }

    @Test
    void refusesToOverwriteAnExistingKeystore() throws Exception {
        create().close();
        var e = assertThrows(KeystoreException.class, this::create);
        assertEquals(KeystoreException.Reason.ALREADY_EXISTS, e.reason());
    }

    @Test
    void aWrongPasswordIsSaidSoAndIsNotMistakenForDamage() throws Exception {
        create().close();
        var e = assertThrows(WrongPasswordException.class, () -> Keystore.open(file(), "wrong".toCharArray()));
        assertEquals("the password is wrong", e.getMessage());
        assertEquals(KeystoreException.Reason.WRONG_PASSWORD, e.reason());
    }

    @Test
    void anAlteredCiphertextIsReportedAsDamageNamingTheFileWhenThePasswordIsRight() throws Exception {
        create().close();
        JsonObject json = JsonParser.parseString(Files.readString(file())).getAsJsonObject();
        byte[] ct = Base64.getDecoder().decode(json.get("ciphertext").getAsString());
        ct[3] ^= 1;
        json.addProperty("ciphertext", Base64.getEncoder().encodeToString(ct));
        Files.writeString(file(), json.toString());
        var e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fails authentication although the password is right"), e.getMessage());
        assertTrue(e.getMessage().contains("wallet.keystore.bak"), e.getMessage());
    }

    @Test
    void aLoweredIterationCountIsCaughtAsHeaderDamage() throws Exception {
        create().close();
        Files.writeString(file(), Files.readString(file()).replace("\"iterations\": " + FAST, "\"iterations\": 1001"));
        var e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().contains("header checksum does not match"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReportedAsNotValidJsonAndTheBackupStillOpens() throws Exception {
        try (Keystore ks = create()) {
            ks.reserve(KeyPath.RECEIVE);
        }
        byte[] raw = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(raw, raw.length / 2));
        var e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().startsWith("the keystore file " + file() + " is damaged: it is not valid JSON"),
                e.getMessage());
        try (Keystore backup = Keystore.open(Keystore.backupOf(file()), PASSWORD.clone())) {
            assertArrayEquals(seed, backup.seed());
            assertEquals(KeyChainCounters.START, backup.counters());
        }
        try (Keystore restored = Keystore.restoreFromBackup(file(), PASSWORD.clone())) {
            assertArrayEquals(seed, restored.seed());
        }
        try (Keystore reopened = Keystore.open(file(), PASSWORD.clone())) {
            assertArrayEquals(seed, reopened.seed());
        }
    }

    @Test
    void anIterationCountWithAHugeExponentIsNamedAsNotAWholeNumber() throws Exception {
        create().close();
        String text = Files.readString(file()).replaceFirst("\"iterations\":\\s*\\d+", "\"iterations\": 10022E2222222");
        Files.writeString(file(), text);
        var e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().contains("the field 'iterations' is not a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void aMissingFieldAndAnEmptyFileAreNamed() throws Exception {
        create().close();
        JsonObject json = JsonParser.parseString(Files.readString(file())).getAsJsonObject();
        json.remove("passwordCheck");
        Files.writeString(file(), json.toString());
        var e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().contains("the field 'passwordCheck' is missing"), e.getMessage());
        Files.write(file(), new byte[0]);
        e = assertThrows(KeystoreCorruptedException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertTrue(e.getMessage().contains("it is empty"), e.getMessage());
    }

    @Test
    void aNewerVersionIsRefusedInWords() throws Exception {
        create().close();
        Files.writeString(file(), Files.readString(file()).replace("\"version\": 1", "\"version\": 3"));
        var e = assertThrows(KeystoreException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertEquals(KeystoreException.Reason.UNSUPPORTED_VERSION, e.reason());
    }

    @Test
    void aDamagedMainFileIsNeverRotatedOverAGoodBackup() throws Exception {
        try (Keystore ks = create()) {
            Files.writeString(file(), "garbage");
            ks.reserve(KeyPath.RECEIVE);
            try (Keystore backup = Keystore.open(Keystore.backupOf(file()), PASSWORD.clone())) {
                assertArrayEquals(seed, backup.seed());
            }
        }
    }

    @Test
    void changingThePasswordMakesTheOldOneOpenNeitherTheFileNorTheBackup() throws Exception {
        try (Keystore ks = create()) {
            assertThrows(WrongPasswordException.class,
                    () -> ks.changePassword("not it".toCharArray(), "new password".toCharArray(), FAST));
            ks.changePassword(PASSWORD.clone(), "new password".toCharArray(), FAST);
            ks.reserve(KeyPath.CHANGE);
        }
        assertThrows(WrongPasswordException.class, () -> Keystore.open(file(), PASSWORD.clone()));
        assertThrows(WrongPasswordException.class, () -> Keystore.open(Keystore.backupOf(file()), PASSWORD.clone()));
        try (Keystore ks = Keystore.open(file(), "new password".toCharArray())) {
            assertArrayEquals(seed, ks.seed());
            assertEquals(new KeyChainCounters(0, 1), ks.counters());
        }
        try (Keystore ks = Keystore.open(Keystore.backupOf(file()), "new password".toCharArray())) {
            assertArrayEquals(seed, ks.seed());
        }
    }

    @Test
    void anEmptyPasswordIsRefused() {
        var e = assertThrows(KeystoreException.class, () -> Keystore.create(file(), new char[0], seed, "", FAST));
        assertEquals("the password is empty", e.getMessage());
    }

    @Test
    void closingWipesTheSecretsAndToStringShowsNone() throws Exception {
        Keystore ks = Keystore.create(file(), PASSWORD.clone(), seed, "my passphrase", FAST);
        String text = ks.toString();
        assertFalse(text.contains(HEX.formatHex(seed)));
        assertFalse(text.contains(new String(PASSWORD)));
        assertFalse(text.contains("my passphrase"));
        assertTrue(ks.hasBip39Passphrase());
        ks.close();
        assertTrue(ks.isDestroyed());
        assertThrows(WalletLockedException.class, ks::seed);
    }

    @Test
    void theFileHoldsNoSeedKeyPassphraseOrPhraseInAnyCommonEncoding() throws Exception {
        String passphrase = "extra words only I know";
        byte[] seedWithPassphrase = phrase.toSeed(passphrase);
        try (Keystore ks = Keystore.create(file(), PASSWORD.clone(), seedWithPassphrase, passphrase, FAST)) {
            ks.reserve(KeyPath.RECEIVE);
        }
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(seedWithPassphrase);
        secrets.add(phrase.entropy());
        secrets.add(passphrase.getBytes(StandardCharsets.UTF_8));
        secrets.add(String.join(" ", phrase.words()).getBytes(StandardCharsets.UTF_8));
        secrets.add(String.join("", phrase.words()).getBytes(StandardCharsets.UTF_8));
        secrets.add(new String(PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (KeyChain chain = KeyChain.fromSeed(seedWithPassphrase)) {
            for (int i = 0; i < 5; i++) {
                secrets.add(chain.keyPair(KeyPath.receive(i)).privateKey());
                secrets.add(chain.keyPair(KeyPath.change(i)).privateKey());
            }
        }
        for (Path f : List.of(file(), Keystore.backupOf(file()))) {
            byte[] raw = Files.readAllBytes(f);
            String text = new String(raw, StandardCharsets.ISO_8859_1).toLowerCase();
            for (byte[] secret : secrets) {
                assertEquals(-1, indexOf(raw, secret), "raw bytes of a secret found in " + f);
                // Every 16-byte window, so no part of a secret shows either.
                for (int off = 0; off + 16 <= secret.length; off += 8) {
                    byte[] part = java.util.Arrays.copyOfRange(secret, off, off + 16);
                    assertFalse(text.contains(HEX.formatHex(part)), "hex of part of a secret found in " + f);
                    assertEquals(-1, indexOf(raw, part), "raw bytes of part of a secret found in " + f);
                }
                for (String b64 : base64Forms(secret)) {
                    assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(b64), "Base64 of a secret in " + f);
                }
            }
        }
    }

    /** The Base64 of a secret at each of the three alignments it can sit at inside a longer Base64 string. */
    private static List<String> base64Forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] tail = java.util.Arrays.copyOfRange(secret, shift, secret.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(tail);
            forms.add(b64.substring(0, Math.max(0, b64.length() - 2)));
        }
        return forms;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
