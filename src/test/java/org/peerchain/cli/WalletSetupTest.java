package org.peerchain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.Wallet;

/** {@code node --create-wallet} / {@code --restore-wallet} as a script drives them, with answers on standard input. */
@Timeout(60)
class WalletSetupTest {
    private static final String PASSWORD = "a long enough password";
    @TempDir
    Path created;
    @TempDir
    Path restored;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(boolean restore, Path dir, String input) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        return WalletSetup.run(restore, ChainParams.REGTEST, dir,
                WalletSetup.Prompter.lines(new BufferedReader(new StringReader(input)), o), o,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void createPrintsTheTwentyFourWordsOnceAndRestoringThemGivesTheSameSeed() throws Exception {
        assertEquals(0, run(false, created, PASSWORD + "\n" + PASSWORD + "\n"), err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\\b\\d{1,2}\\. ([a-z]+)").matcher(printed);
        while (m.find()) {
            words.add(m.group(1));
        }
        assertEquals(24, words.size(), printed);
        String keystoreText = Files.readString(created.resolve(Wallet.KEYSTORE_FILE));
        assertFalse(keystoreText.contains(words.get(0) + " " + words.get(1)), "the phrase is not in the keystore");

        out.reset();
        assertEquals(0, run(true, restored, String.join(" ", words) + "\n\n" + PASSWORD + "\n" + PASSWORD + "\n"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(words.get(5)), "a restore never prints the phrase");
        try (Keystore a = Keystore.open(created.resolve(Wallet.KEYSTORE_FILE), PASSWORD.toCharArray());
                Keystore b = Keystore.open(restored.resolve(Wallet.KEYSTORE_FILE), PASSWORD.toCharArray())) {
            assertArrayEquals(a.seed(), b.seed());
        }
    }

    @Test
    void differentPasswordsOrAMistypedPhraseMakeNothingAndSayWhy() {
        assertEquals(1, run(false, created, PASSWORD + "\n" + PASSWORD + "x\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the two passwords differ"));
        assertFalse(Wallet.exists(created));

        err.reset();
        assertEquals(1, run(true, restored, "abandon ability able\n\n" + PASSWORD + "\n" + PASSWORD + "\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("24 words"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Wallet.exists(restored));

        err.reset();
        assertEquals(1, run(false, created, "short\nshort\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("at least 8 characters"));
    }

    /**
     * Plays the terminal: {@code line} is what the terminal echoes as it is typed, {@code secret} what it reads with
     * echo off ({@code Console.readPassword}). Keeps every array it hands out, to check they are wiped.
     */
    private static final class TerminalLike implements WalletSetup.Prompter {
        final java.util.ArrayDeque<String> answers;
        final List<String> echoedPrompts = new ArrayList<>();
        final List<char[]> handedOut = new ArrayList<>();

        TerminalLike(String... answers) {
            this.answers = new java.util.ArrayDeque<>(List.of(answers));
        }

        @Override
        public String line(String prompt) {
            echoedPrompts.add(prompt);
            return answers.poll();
        }

        @Override
        public char[] secret(String prompt) {
            String answer = answers.poll();
            char[] chars = answer == null ? null : answer.toCharArray();
            if (chars != null) {
                handedOut.add(chars);
            }
            return chars;
        }
    }

    @Test
    void theRecoveryPhraseAndItsPassphraseAreReadWithoutEchoAndEveryTypedSecretIsWiped() throws Exception {
        List<String> words = org.peerchain.node.WalletCreation.newRecoveryPhrase();
        TerminalLike terminal = new TerminalLike(String.join(" ", words), "", PASSWORD, PASSWORD);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, WalletSetup.run(true, ChainParams.REGTEST, restored, terminal, o,
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), terminal.echoedPrompts, "answers read with echo on a terminal");
        assertEquals(4, terminal.handedOut.size(), "the phrase, the passphrase and the password twice");
        for (char[] typed : terminal.handedOut) {
            assertArrayEquals(new char[typed.length], typed, "a typed secret was left in memory");
        }
        try (Keystore k = Keystore.open(restored.resolve(Wallet.KEYSTORE_FILE), PASSWORD.toCharArray())) {
            assertEquals(words, k.recoveryWords());
        }
    }
}
