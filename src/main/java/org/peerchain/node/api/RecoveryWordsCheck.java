package org.peerchain.node.api;

import java.util.Optional;

/**
 * What recovery words as typed are: {@code valid} when they are a whole phrase whose checksum matches; otherwise
 * {@code issue} says which kind of problem, {@code position} the word it concerns (1 to 24, 0 when none or the whole
 * phrase), and {@code problem} says it in words.
 */
public record RecoveryWordsCheck(boolean valid, Issue issue, int position, Optional<String> problem) {
    public enum Issue {
        NONE,
        /** Not {@value WalletService#RECOVERY_WORDS} words. */
        WRONG_WORD_COUNT,
        /** A word that is not in the BIP39 English list. */
        UNKNOWN_WORD,
        /** Every word is in the list but they do not fit together: one is wrong or out of order. */
        CHECKSUM_MISMATCH
    }

    public static RecoveryWordsCheck ok() {
        return new RecoveryWordsCheck(true, Issue.NONE, 0, Optional.empty());
    }

    public static RecoveryWordsCheck refused(Issue issue, int position, String problem) {
        return new RecoveryWordsCheck(false, issue, position, Optional.of(problem));
    }
}
