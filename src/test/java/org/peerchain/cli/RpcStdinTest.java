package org.peerchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;
import picocli.CommandLine;

/**
 * Security round 2, finding 11 (secrets in argv): {@code peerchain rpc --stdin-wallet-passphrase} and {@code --stdin}
 * take the wallet's passphrases from standard input, so they never appear on the command line; run in-process
 * against a real regtest node with a wallet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcStdinTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new password";

    @TempDir
    Path dir;
    Node node;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void startNodeWithWallet() throws Exception {
        Wallet.create(dir, ChainParams.REGTEST, PASSWORD.toCharArray(), RecoveryPhrase.generate(new java.security.SecureRandom()),
                "", false, Keystore.MIN_ITERATIONS);
        node = Node.start(NodeConfig.regtest(dir));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Runs {@code peerchain rpc --datadir D ARGS} with {@code stdin} as its standard input (no terminal). */
    private Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine cl = new CommandLine(new RpcCommand(
                WalletSetup.Prompter.lines(new BufferedReader(new StringReader(stdin)), nowhere)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--datadir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private long unlockedUntil() {
        Run info = run("", "getwalletinfo");
        assertEquals(0, info.exit(), info.err());
        return JsonParser.parseString(info.out()).getAsJsonObject().get("unlocked_until").getAsLong();
    }

    @Test
    void walletpassphraseTakesThePassphraseFromStandardInputAndTheTimeoutFromTheCommandLine() {
        Run r = run(PASSWORD + "\n", "--stdin-wallet-passphrase", "walletpassphrase", "600");
        assertEquals(0, r.exit(), r.err());
        assertTrue(unlockedUntil() > 0, "the wallet is unlocked");
    }

    @Test
    void aWrongPassphraseOnStandardInputGetsTheNodesError() {
        Run r = run("not the password\n", "--stdin-wallet-passphrase", "walletpassphrase", "600");
        assertEquals(RpcCommand.EXIT_RPC_ERROR, r.exit());
        assertTrue(r.err().startsWith("error code: " + RpcErrors.WALLET_PASSPHRASE_INCORRECT), r.err());
        assertFalse(r.err().contains("not the password"), "the passphrase is never printed");
        assertEquals(0, unlockedUntil());
    }

    @Test
    void walletpassphrasechangeReadsTheOldAndTheNewPassphraseOneALine() {
        Run change = run(PASSWORD + "\n" + NEW_PASSWORD + "\n", "--stdin-wallet-passphrase", "walletpassphrasechange");
        assertEquals(0, change.exit(), change.err());
        Run unlock = run(NEW_PASSWORD + "\n", "--stdin-wallet-passphrase", "walletpassphrase", "60");
        assertEquals(0, unlock.exit(), unlock.err());
    }

    @Test
    void aPassphraseThatLooksLikeJsonIsStillSentAsAString() {
        Run change = run(PASSWORD + "\n12345678\n", "--stdin-wallet-passphrase", "walletpassphrasechange");
        assertEquals(0, change.exit(), change.err());
        assertEquals(0, run("12345678\n", "--stdin-wallet-passphrase", "walletpassphrase", "60").exit());
    }

    @Test
    void stdinTakesTheArgumentsOneALineAfterThoseOnTheCommandLine() {
        Run r = run(PASSWORD + "\n600\n", "--stdin", "walletpassphrase");
        assertEquals(0, r.exit(), r.err());
        assertTrue(unlockedUntil() > 0);
    }

    @Test
    void bothOptionsTogetherReadThePassphraseFirstThenTheArguments() {
        Run r = run(PASSWORD + "\n600\n", "--stdin-wallet-passphrase", "--stdin", "walletpassphrase");
        assertEquals(0, r.exit(), r.err());
        assertTrue(unlockedUntil() > 0);
    }

    @Test
    void standardInputEndingBeforeThePassphraseOrAMethodWithoutOneIsAClearUsageError() {
        Run empty = run("", "--stdin-wallet-passphrase", "walletpassphrase", "600");
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("standard input ended before the wallet passphrase"), empty.err());

        Run other = run(PASSWORD + "\n", "--stdin-wallet-passphrase", "getblockcount");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("--stdin-wallet-passphrase works with walletpassphrase,"
                + " walletpassphrasechange and createwallet"), other.err());
        assertEquals(0, unlockedUntil());
    }
}
