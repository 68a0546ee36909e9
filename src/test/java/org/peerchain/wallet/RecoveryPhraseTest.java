package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class RecoveryPhraseTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bundledWordListIsByteForByteBip39English() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Bip39WordList.resourceBytes());
        assertEquals("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda", HEX.formatHex(digest));
        assertEquals("abandon", Bip39WordList.english().word(0));
        assertEquals("zoo", Bip39WordList.english().word(2047));
    }

    /** The 24-word English vectors of trezor/python-mnemonic's vectors.json (entropy, phrase, seed with "TREZOR"). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0000000000000000000000000000000000000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art|bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title|bc09fca1804f7e69da93c2f2028eb238c227f2e9dda30cd63699232578480a4021b146ad717fbb7e451ce9eb835f43620bf5c514db0f8add49f5d121449d3e87",
        "8080808080808080808080808080808080808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless|c0c519bd0e91a2ed54357d9d1ebef6f5af218a153624cf4f2da911a0ed8f7a09e2ef61af0aca007096df430022f7a2b6fb91661a9589097069720d015e4e982f",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote|dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad",
        "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c|hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length|64c87cde7e12ecf6704ab95bb1408bef047c22db4cc7491c4271d170a1b213d20b385bc1588d9c7b38f1b39d415665b8a9030c9ec653d75e65f847d8fc1fc440",
        "9f6a2878b2520799a44ef18bc7df394e7061a224d2c33cd015b157d746869863|panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol speed nation flash devote level hobby quick inner drive ghost inside|72be8e052fc4919d2adf28d5306b5474b0069df35b02303de8c1729c9538dbb6fc2d731d5f832193cd9fb6aeecbc469594a70e3dd50811b5067f3b88b28c3e8d",
        "066dca1a2bb7e8a1db2832148ce9933eea0f3ac9548d793112d9a95c9407efad|all hour make first leader extend hole alien behind guard gospel lava path output census museum junior mass reopen famous sing advance salt reform|26e975ec644423f4a4c4f4215ef09b4bd7ef924e85d1d17c4cf3f136c2863cf6df0a475045652c57eb5fb41513ca2a2d67722b77e954b4b3fc11f7590449191d",
        "f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f|void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold|01f5bced59dec48e362f2c45b5de68b9fd6c92c6634f44d6d40aab69056506f0e35524a518034ddc1192e1dacd32c1ed3eaa3c3b131c88ed8e7e54c49a5d0998",
    })
    void matchesTheOfficialBip39VectorsWithPassphraseTrezor(String entropyHex, String phrase, String seedHex) {
        RecoveryPhrase fromEntropy = RecoveryPhrase.fromEntropy(HEX.parseHex(entropyHex));
        assertEquals(phrase, String.join(" ", fromEntropy.words()));
        RecoveryPhrase parsed = RecoveryPhrase.parse(phrase);
        assertEquals(entropyHex, HEX.formatHex(parsed.entropy()));
        assertEquals(seedHex, HEX.formatHex(parsed.toSeed("TREZOR")));
    }

    @Test
    void generatesTwentyFourWordsThatParseBackToTheSameEntropy() {
        RecoveryPhrase phrase = RecoveryPhrase.generate(new SecureRandom());
        assertEquals(24, phrase.words().size());
        assertArrayEquals(phrase.entropy(), RecoveryPhrase.parse(String.join(" ", phrase.words())).entropy());
        assertFalse(RecoveryPhrase.generate(new SecureRandom()).sameAs(phrase));
    }

    @Test
    void acceptsExtraWhitespaceAndUpperCase() {
        String messy = "  ZOO zoo\tZoo   zoo zoo zoo zoo zoo zoo zoo zoo zoo\n zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo VOTE \n";
        assertArrayEquals(HEX.parseHex("ff".repeat(32)), RecoveryPhrase.parse(messy).entropy());
    }

    @Test
    void rejectsAWrongWordCountSayingHowManyThereAre() {
        var e = assertThrows(InvalidRecoveryPhraseException.class, () -> RecoveryPhrase.parse("zoo ".repeat(23)));
        assertEquals(InvalidRecoveryPhraseException.Reason.WRONG_WORD_COUNT, e.reason());
        assertEquals("a recovery phrase has 24 words, this one has 23", e.getMessage());
        assertEquals(InvalidRecoveryPhraseException.Reason.WRONG_WORD_COUNT,
                assertThrows(InvalidRecoveryPhraseException.class, () -> RecoveryPhrase.parse("  ")).reason());
    }

    @Test
    void rejectsAnUnknownWordNamingItsPositionAndTheClosestListWords() {
        String phrase = "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth "
                + "useful legal winnr thank year wave sausage worth title";
        var e = assertThrows(InvalidRecoveryPhraseException.class, () -> RecoveryPhrase.parse(phrase));
        assertEquals(InvalidRecoveryPhraseException.Reason.UNKNOWN_WORD, e.reason());
        assertTrue(e.getMessage().startsWith("word 18, 'winnr', is not in the word list; did you mean winner"),
                e.getMessage());
    }

    @Test
    @Timeout(5)
    void aPastedPageAsOneWordIsRefusedQuicklyAndShownCutShort() {
        String page = "winnerwinner".repeat(100_000);
        String phrase = page + " legal".repeat(RecoveryPhrase.WORD_COUNT - 1);
        var e = assertThrows(InvalidRecoveryPhraseException.class, () -> RecoveryPhrase.parse(phrase));
        assertEquals(InvalidRecoveryPhraseException.Reason.UNKNOWN_WORD, e.reason());
        assertTrue(e.getMessage().startsWith("word 1, 'winnerwinner"), e.getMessage());
        assertTrue(e.getMessage().contains("(" + page.length() + " characters)"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean winner"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void rejectsSwappedWordsAsAChecksumMismatch() {
        List<String> words = new ArrayList<>(RecoveryPhrase.parse("hamster diagram private dutch cause delay private "
                + "meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay "
                + "length").words());
        Collections.swap(words, 0, 1);
        var e = assertThrows(InvalidRecoveryPhraseException.class, () -> RecoveryPhrase.parse(String.join(" ", words)));
        assertEquals(InvalidRecoveryPhraseException.Reason.CHECKSUM_MISMATCH, e.reason());
        assertEquals("the checksum does not match: the words are valid but one is wrong or out of order", e.getMessage());
    }

    @Test
    void aPassphraseGivesADifferentSeed() {
        RecoveryPhrase p = RecoveryPhrase.fromEntropy(new byte[32]);
        assertNotEquals(HEX.formatHex(p.toSeed("")), HEX.formatHex(p.toSeed("TREZOR")));
    }

    @Test
    void toStringShowsNoWordAndDestroyWipesTheEntropy() {
        RecoveryPhrase p = RecoveryPhrase.parse("zoo ".repeat(23) + "vote");
        assertEquals("RecoveryPhrase[24 words, hidden]", p.toString());
        assertFalse(p.toString().contains("zoo"));
        p.destroy();
        assertTrue(p.isDestroyed());
        assertThrows(IllegalStateException.class, p::words);
    }
}
