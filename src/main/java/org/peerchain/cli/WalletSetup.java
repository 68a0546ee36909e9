package org.peerchain.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.DataDirectoryLock;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.WalletCreation;
import org.peerchain.node.WalletCreationException;

/**
 * {@code peerchain node --create-wallet} and {@code --restore-wallet}: makes the wallet in the data directory before
 * the node starts. The password is asked twice; a new wallet's 24-word recovery phrase is printed once, to the
 * terminal only. A restore reads the phrase and an optional BIP39 passphrase, and the node then rebuilds balance and
 * history from the chain. Every secret (password, phrase, passphrase) is read without echo on a terminal
 * ({@link Console#readPassword}), as lines on standard input otherwise (for scripts), and its array wiped after use.
 */
final class WalletSetup {
    static final int MIN_PASSWORD_LENGTH = WalletCreation.MIN_PASSWORD_LENGTH;

    /** Where answers come from: the terminal, or standard input's lines. */
    interface Prompter {
        String line(String prompt) throws IOException;

        char[] secret(String prompt) throws IOException;

        static Prompter system(PrintStream out) {
            Console console = System.console();
            if (console != null) {
                return new Prompter() {
                    @Override
                    public String line(String prompt) {
                        return console.readLine("%s", prompt);
                    }

                    @Override
                    public char[] secret(String prompt) {
                        return console.readPassword("%s", prompt);
                    }
                };
            }
            return lines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        }

        static Prompter lines(BufferedReader in, PrintStream out) {
            return new Prompter() {
                @Override
                public String line(String prompt) throws IOException {
                    out.print(prompt);
                    out.flush();
                    return in.readLine();
                }

                @Override
                public char[] secret(String prompt) throws IOException {
                    String s = line(prompt);
                    return s == null ? null : s.toCharArray();
                }
            };
        }
    }

    private WalletSetup() {
    }

    /** Makes (or restores) the wallet; returns the exit status, 0 on success, with the reason on {@code err} if not. */
    static int run(boolean restore, ChainParams params, Path dataDir, Prompter prompter, PrintStream out,
            PrintStream err) {
        if (WalletCreation.exists(dataDir)) {
            err.println("error: " + WalletCreation.keystoreFile(dataDir) + " already exists; this data directory has a"
                    + " wallet. Start the node without --create-wallet/--restore-wallet to use it.");
            return 1;
        }
        char[] password = null;
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            List<String> words;
            String bip39Passphrase = "";
            if (restore) {
                // Read as secrets: on a terminal nothing is shown as it is typed, nor left on the screen.
                char[] typed = prompter.secret("Recovery phrase (" + WalletCreation.WORD_COUNT
                        + " words; not shown as you type): ");
                if (typed == null) {
                    err.println("error: no recovery phrase was given");
                    return 1;
                }
                try {
                    words = WalletCreation.readRecoveryPhrase(new String(typed));
                } finally {
                    Arrays.fill(typed, '\0');
                }
                char[] extra = prompter.secret("BIP39 passphrase, if the wallet had one (else just Enter; not shown): ");
                bip39Passphrase = extra == null ? "" : new String(extra);
                if (extra != null) {
                    Arrays.fill(extra, '\0');
                }
            } else {
                words = WalletCreation.newRecoveryPhrase();
            }
            password = askPassword(prompter, err);
            if (password == null) {
                return 1;
            }
            WalletCreation.create(dataDir, params, password, words, bip39Passphrase, restore);
            if (!restore) {
                printPhrase(words, out);
            }
            out.println(restore ? "Wallet restored in " + dataDir + "; the node scans the chain for its transactions."
                    : "Wallet created in " + dataDir + ". It starts locked: unlock it with walletpassphrase.");
            return 0;
        } catch (WalletCreationException e) {
            err.println(e.inRecoveryPhrase() ? "error: " + e.getMessage()
                    : "error: cannot make the wallet: " + e.getMessage());
            return 1;
        } catch (NodeStartException | IOException e) {
            err.println("error: cannot make the wallet: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static char[] askPassword(Prompter prompter, PrintStream err) throws IOException {
        char[] first = prompter.secret("Wallet password (at least " + MIN_PASSWORD_LENGTH + " characters): ");
        if (first == null || first.length < MIN_PASSWORD_LENGTH) {
            err.println("error: the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
            return null;
        }
        char[] again = prompter.secret("The same password again: ");
        boolean same = Arrays.equals(first, again);
        if (again != null) {
            Arrays.fill(again, '\0');
        }
        if (!same) {
            Arrays.fill(first, '\0');
            err.println("error: the two passwords differ; nothing was made");
            return null;
        }
        return first;
    }

    private static void printPhrase(List<String> words, PrintStream out) {
        out.println();
        out.println("Your recovery phrase. Write these 24 words down, in order, on paper, and keep them safe.");
        out.println("They are shown only this once. Anyone who has them can spend your coins.");
        out.println();
        for (int i = 0; i < words.size(); i++) {
            out.printf("%2d. %-10s%s", i + 1, words.get(i), (i + 1) % 6 == 0 ? System.lineSeparator() : "  ");
        }
        out.println();
    }
}
