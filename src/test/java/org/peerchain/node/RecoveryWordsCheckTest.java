package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.api.RecoveryWordsCheck;
import org.peerchain.node.api.RecoveryWordsCheck.Issue;
import org.peerchain.node.api.WalletService;

/** The wallet service checks recovery words as typed, without a wallet: count, list, checksum, each in words. */
@Timeout(60)
class RecoveryWordsCheckTest {
    @TempDir
    Path dir;

    private Node node;
    private WalletService wallet;

    @BeforeEach
    void start() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        wallet = node.services().wallet();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void theWordListIsBip39EnglishInOrder() {
        List<String> list = wallet.recoveryWordList();
        assertEquals(2048, list.size());
        assertEquals("abandon", list.get(0));
        assertEquals("zoo", list.get(2047));
    }

    @Test
    void freshWordsAreValidInAnyLetterCaseAndSpacing() {
        List<String> words = WalletCreation.newRecoveryPhrase();
        assertEquals(RecoveryWordsCheck.ok(), wallet.checkRecoveryWords(words));
        List<String> shouted = words.stream().map(w -> "  " + w.toUpperCase(Locale.ROOT) + " ").toList();
        assertTrue(wallet.checkRecoveryWords(shouted).valid());
    }

    @Test
    void twoWordsSwappedFailTheChecksumInWords() {
        // BIP39's vector for 32 zero bytes is "abandon" 23 times and "art"; the last two swapped do not fit.
        List<String> words = new ArrayList<>(Collections.nCopies(24, "abandon"));
        words.set(23, "art");
        assertTrue(wallet.checkRecoveryWords(words).valid());
        words.set(22, "art");
        words.set(23, "abandon");

        RecoveryWordsCheck check = wallet.checkRecoveryWords(words);

        assertFalse(check.valid());
        assertEquals(Issue.CHECKSUM_MISMATCH, check.issue());
        assertEquals("The words do not fit together: one is wrong or out of order.", check.problem().orElseThrow());
    }

    @Test
    void anUnknownWordIsNamedByPositionWithNearWords() {
        List<String> words = new ArrayList<>(WalletCreation.newRecoveryPhrase());
        words.set(6, "abandonn");

        RecoveryWordsCheck check = wallet.checkRecoveryWords(words);

        assertEquals(Issue.UNKNOWN_WORD, check.issue());
        assertEquals(7, check.position());
        assertTrue(check.problem().orElseThrow().startsWith("Word 7 is not in the word list; did you mean abandon"),
                check.problem().orElseThrow());
    }

    @Test
    void missingWordsAreCounted() {
        List<String> words = new ArrayList<>(WalletCreation.newRecoveryPhrase());
        words.set(23, " ");

        RecoveryWordsCheck check = wallet.checkRecoveryWords(words);

        assertEquals(Issue.WRONG_WORD_COUNT, check.issue());
        assertEquals("A recovery phrase has 24 words; 23 are given.", check.problem().orElseThrow());
        assertEquals(Issue.WRONG_WORD_COUNT, wallet.checkRecoveryWords(null).issue());
    }
}
