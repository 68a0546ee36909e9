package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.UNLOCK;
import static org.peerchain.node.WalletNodes.chainOf;
import static org.peerchain.node.WalletNodes.mine;
import static org.peerchain.node.WalletNodes.relayBlocks;
import static org.peerchain.node.WalletNodes.wallet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.SendResult;
import org.peerchain.wallet.TxState;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;
import org.peerchain.wallet.WalletTransaction;

/**
 * The wallet follows the chain: double spends, reorganisations, and restoring from the recovery phrase. Blocks
 * move between nodes by submitBlock, as P2P sync will move them (P2P is not in this branch).
 */
@Timeout(180)
class WalletChainFollowingTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    @TempDir
    Path dirC;

    @Test
    void aDoubleSpendIsRejectedByTheMempoolAndOneConfirmedElsewhereMarksOursConflicted() throws Exception {
        RecoveryPhrase phraseA = WalletNodes.newPhrase();
        try (Node a = WalletNodes.startWithWallet(dirA, phraseA, false);
                Node b = WalletNodes.startWithWallet(dirB, WalletNodes.newPhrase(), false)) {
            Wallet walletA = wallet(a);
            KeyHash mining = walletA.miningKeyHash();
            relayBlocks(mine(a, mining, ChainParams.COINBASE_MATURITY + 1), b);
            walletA.unlock(PASSWORD, UNLOCK);
            SendResult ours = walletA.send(wallet(b).newAddress(""), Amount.coins(20), false, "", "");
            OutPoint spent = ours.tx().inputs().get(0).prevout();
            long trustedAfterSend = walletA.balances().trusted();

            Transaction rival = WalletNodes.doubleSpend(phraseA, spent, ChainParams.REGTEST.subsidy(1), mining,
                    KeyHash.of(new byte[32]));
            ValidationException rejected = assertThrows(ValidationException.class, () -> a.submitTransaction(rival));
            assertEquals("txn-mempool-conflict", rejected.reason());

            // Elsewhere (node B never saw ours), the rival confirms; its block reaches A.
            b.submitTransaction(rival);
            List<Block> rivalBlock = mine(b, wallet(b).miningKeyHash(), 1);
            assertEquals(rival.txid(), rivalBlock.get(0).transactions().get(1).txid());
            relayBlocks(rivalBlock, a);

            WalletTransaction conflicted = walletA.transaction(ours.txid()).orElseThrow();
            assertEquals(TxState.CONFLICTED, conflicted.state());
            assertEquals(-1, conflicted.confirmations(), "minus the depth of the transaction that won");
            assertTrue(!a.mempool().contains(ours.txid()));
            // Our change is gone with it, and the coin it spent went to the rival: left are the coins of blocks 2
            // and 3 (block 3 matured with the rival's block).
            assertEquals(2 * ChainParams.REGTEST.subsidy(1), walletA.balances().trusted(),
                    "after the conflict only untouched mature coins are left (was " + trustedAfterSend + ")");
            assertEquals(0, walletA.balances().untrustedPending());
            // The next send does not try the coin the rival took.
            SendResult again = walletA.send(wallet(b).newAddress(""), Amount.coins(1), false, "", "");
            assertTrue(again.tx().inputs().stream().noneMatch(in -> in.prevout().equals(spent)));
        }
    }

    @Test
    void aReorganisationMovesAConfirmedTransactionBackToPendingAndItConfirmsAgainLater() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false);
                Node b = WalletNodes.startWithWallet(dirB, WalletNodes.newPhrase(), false)) {
            Wallet walletA = wallet(a);
            relayBlocks(mine(a, walletA.miningKeyHash(), ChainParams.COINBASE_MATURITY + 1), b);
            walletA.unlock(PASSWORD, UNLOCK);
            SendResult sent = walletA.send(wallet(b).newAddress(""), Amount.coins(7), false, "", "");
            mine(a, walletA.miningKeyHash(), 1);
            assertEquals(1, walletA.transaction(sent.txid()).orElseThrow().confirmations());

            // B, which saw neither the transaction nor A's last block, mines a longer branch.
            List<Block> branch = mine(b, wallet(b).miningKeyHash(), 2);
            relayBlocks(branch, a);
            assertEquals(branch.get(1).hash(), a.chain().tip().hash(), "A reorganised onto B's branch");

            WalletTransaction back = walletA.transaction(sent.txid()).orElseThrow();
            assertEquals(TxState.PENDING, back.state());
            assertEquals(0, back.confirmations());
            assertTrue(a.mempool().contains(sent.txid()), "the mempool took it back");
            // At height 103 the coinbases of blocks 1 to 4 are mature; one of them paid for the send.
            assertEquals(ChainParams.REGTEST.subsidy(1) * 4 - Amount.coins(7) - sent.fee(),
                    walletA.balances().trusted(), "our send still counts: its change stays trusted");

            mine(a, walletA.miningKeyHash(), 1);
            WalletTransaction again = walletA.transaction(sent.txid()).orElseThrow();
            assertEquals(TxState.CONFIRMED, again.state());
            assertEquals(1, again.confirmations());
        }
    }

    @Test
    void restoringTheRecoveryPhraseIntoAnEmptyDataDirectoryRecoversBalanceAndHistory() throws Exception {
        RecoveryPhrase phraseA = WalletNodes.newPhrase();
        List<Block> chain;
        WalletBalances balances;
        List<String> history;
        try (Node a = WalletNodes.startWithWallet(dirA, phraseA, false);
                Node b = WalletNodes.startWithWallet(dirB, WalletNodes.newPhrase(), false)) {
            Wallet walletA = wallet(a);
            relayBlocks(mine(a, walletA.miningKeyHash(), ChainParams.COINBASE_MATURITY + 3), b);
            walletA.unlock(PASSWORD, UNLOCK);
            walletA.send(wallet(b).newAddress(""), Amount.coins(30), false, "", "");
            walletA.send(wallet(b).newAddress(""), Amount.parse("12.5"), false, "", "");
            Wallet walletB = wallet(b);
            b.submitTransaction(a.mempool().entries().get(0).tx());
            b.submitTransaction(a.mempool().entries().get(1).tx());
            relayBlocks(mine(a, walletA.miningKeyHash(), 1), b);
            walletB.unlock(PASSWORD, UNLOCK);
            a.submitTransaction(walletB.send(walletA.newAddress("back"), Amount.coins(2), false, "", "").tx());
            relayBlocks(mine(a, walletA.miningKeyHash(), 2), b);
            chain = chainOf(a);
            balances = walletA.balances();
            history = describe(walletA.history());
            assertEquals(ChainParams.COINBASE_MATURITY + 6 + 3, history.size(), "106 coinbases, 2 sends, 1 receive");
        }
        // An empty data directory: the wallet is restored from the phrase first, then the chain arrives (sync).
        try (Node restored = WalletNodes.startWithWallet(dirC, phraseA, true)) {
            assertEquals(new WalletBalances(0, 0, 0), wallet(restored).balances());
            relayBlocks(chain, restored);
            assertEquals(balances, wallet(restored).balances());
            assertEquals(history, describe(wallet(restored).history()));
        }
        // The chain is there first and the wallet is restored afterwards: it rescans the stored blocks from genesis.
        Path dirD = dirC.resolve("second");
        try (Node plain = Node.start(NodeConfig.regtest(dirD))) {
            assertTrue(plain.wallet().isEmpty());
            relayBlocks(chain, plain);
        }
        Wallet.create(dirD, ChainParams.REGTEST, PASSWORD, phraseA, "", true, WalletNodes.TEST_ITERATIONS);
        try (Node rescanned = Node.start(NodeConfig.regtest(dirD))) {
            assertEquals(balances, wallet(rescanned).balances());
            assertEquals(history, describe(wallet(rescanned).history()));
        }
        // Restarting keeps all of it without a rescan.
        try (Node again = Node.start(NodeConfig.regtest(dirD))) {
            assertEquals(balances, wallet(again).balances());
            assertEquals(history, describe(wallet(again).history()));
        }
    }

    @Test
    void aKeystoreBackupAloneRebuildsKeysBalanceAndHistoryAtTheFirstUnlock() throws Exception {
        List<Block> chain;
        WalletBalances balances;
        Path backup = dirB.resolve("backup.keystore");
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 2);
            wallet(a).backup(backup);
            chain = chainOf(a);
            balances = wallet(a).balances();
        }
        try (Node plain = Node.start(NodeConfig.regtest(dirC))) {
            relayBlocks(chain, plain);
        }
        java.nio.file.Files.copy(backup, dirC.resolve(Wallet.KEYSTORE_FILE));
        try (Node fromBackup = Node.start(NodeConfig.regtest(dirC))) {
            Wallet w = wallet(fromBackup);
            assertEquals(new WalletBalances(0, 0, 0), w.balances(), "no keys until the first unlock");
            w.unlock(PASSWORD, UNLOCK);
            assertEquals(balances, w.balances());
        }
    }

    @Test
    void aPendingSendSurvivesARestartAndIsOfferedToTheMempoolAgain() throws Exception {
        SendResult sent;
        WalletBalances balances;
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 1);
            wallet(a).unlock(PASSWORD, UNLOCK);
            sent = wallet(a).send(wallet(a).newAddress("self"), Amount.coins(3), false, "kept", "");
            balances = wallet(a).balances();
        }
        try (Node again = Node.start(NodeConfig.regtest(dirA))) {
            assertTrue(again.mempool().contains(sent.txid()), "the mempool is not kept; the wallet offers it again");
            WalletTransaction t = wallet(again).transaction(sent.txid()).orElseThrow();
            assertEquals(TxState.PENDING, t.state());
            assertEquals("kept", t.comment());
            assertEquals(balances, wallet(again).balances());
            assertTrue(!wallet(again).isUnlocked(), "a wallet always starts locked");
        }
    }

    private static List<String> describe(List<WalletTransaction> history) {
        return history.stream().map(t -> t.txid() + " " + t.state() + " " + t.confirmations() + " " + t.amount() + " "
                + t.fee()).sorted().collect(Collectors.toList());
    }

}
