package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.UNLOCK;
import static org.peerchain.node.WalletNodes.mine;
import static org.peerchain.node.WalletNodes.relayBlocks;
import static org.peerchain.node.WalletNodes.wallet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.Transaction;
import org.peerchain.node.api.AddressCheck;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.SendReview;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletCoin;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletLockedException;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletState;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.node.api.WalletTxState;

/**
 * The wallet service as the desktop's screens use it, against real regtest nodes with wallets in temp directories.
 * P2P is off: the test plays the network, handing blocks and transactions from one node to the other.
 */
@Timeout(180)
class WalletServiceTest {
    private static final long SUBSIDY = ChainParams.REGTEST.subsidy(1);
    private static final KeyHash SOMEONE_ELSE = KeyHash.of(new byte[32]);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static KeyHash keyOf(String address) {
        return Address.parse(address, ChainParams.REGTEST.addressPrefix()).keyHash();
    }

    private static String typo(String address) {
        char last = address.charAt(address.length() - 1);
        return address.substring(0, address.length() - 1) + (last == 'z' ? 'y' : 'z');
    }

    @Test
    void minedCoinsAreImmatureUntilTheHeightTheBalanceNamesThenMined() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            mine(a, wallet(a).miningKeyHash(), 3);
            WalletBalance b = w.balance();
            assertEquals(0, b.spendable());
            assertEquals(3 * SUBSIDY, b.immature());
            assertEquals(ChainParams.COINBASE_MATURITY, b.nextMaturityHeight(), "block 1's reward matures at 100");
            assertEquals(List.of(100, 101, 102), b.maturing().stream().map(WalletBalance.Maturing::height).toList());
            List<WalletTransactionRow> rows = w.history();
            assertEquals(List.of(3, 2, 1), rows.stream().map(WalletTransactionRow::height).toList(), "newest first");
            assertTrue(rows.stream().allMatch(r -> r.state() == WalletTxState.IMMATURE && r.amount() == SUBSIDY
                    && r.fee() == 0 && r.coinbase()));
            assertEquals(101, rows.get(1).maturesAtHeight());

            mine(a, SOMEONE_ELSE, ChainParams.COINBASE_MATURITY);
            WalletBalance later = w.balance();
            assertEquals(3 * SUBSIDY, later.spendable());
            assertEquals(0, later.immature());
            assertEquals(-1, later.nextMaturityHeight());
            assertTrue(w.history().stream().allMatch(r -> r.state() == WalletTxState.MINED));
            assertEquals(2, w.history(1, 5).size(), "a page from the second newest on");
        }
    }

    @Test
    void aSendIsReviewedWithoutBroadcastingThenConfirmedWithThePasswordAndTheReceiverSeesItPendingThenConfirmed()
            throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false);
                Node b = WalletNodes.startWithWallet(dirB, WalletNodes.newPhrase(), false)) {
            WalletService sender = a.services().wallet();
            WalletService receiver = b.services().wallet();
            relayBlocks(mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 2), b);
            List<WalletEvent> seen = new CopyOnWriteArrayList<>();
            b.services().subscribe(WalletEvent.class, seen::add);
            ReceiveAddress to = receiver.newAddress("from A");
            long amount = Amount.coins(5);
            long spendable = sender.balance().spendable();

            SendReview review = sender.review(SendRequest.to(to.address(), amount, 10));
            assertEquals(0, a.mempool().size(), "a review sends nothing");
            assertTrue(review.fee() > 0);
            assertEquals(review.sizeBytes() * 10, review.fee(), "the fee is the rate times the size");
            assertEquals(amount + review.fee(), review.total());
            assertEquals(spendable - review.total(), review.balanceLeft());
            assertEquals(amount, review.paid());
            assertTrue(review.outputs().stream().anyMatch(SendReview.Output::change));
            assertEquals(review.inputs().stream().mapToLong(SendReview.Input::amount).sum(),
                    review.outputs().stream().mapToLong(SendReview.Output::amount).sum() + review.fee());

            assertTrue(sender.state().locked());
            assertThrows(WalletLockedException.class, () -> sender.confirm(review, Optional.empty()));
            WalletServiceException wrong = assertThrows(WalletServiceException.class,
                    () -> sender.confirm(review, Optional.of("not the password".toCharArray())));
            assertEquals(WalletServiceException.Reason.WRONG_PASSWORD, wrong.reason());
            Hash txid = sender.confirm(review, Optional.of(PASSWORD.clone()));
            assertTrue(sender.state().locked(), "the password unlocked for this send alone");
            assertTrue(a.mempool().contains(txid));
            WalletServiceException again = assertThrows(WalletServiceException.class,
                    () -> sender.confirm(review, Optional.of(PASSWORD.clone())));
            assertEquals(WalletServiceException.Reason.STALE_REVIEW, again.reason());

            WalletTransactionRow sent = sender.transaction(txid).orElseThrow();
            assertEquals(WalletTxState.PENDING, sent.state());
            assertEquals(review.fee(), sent.fee());
            assertEquals(-(amount + review.fee()), sent.amount());

            Transaction tx = a.mempool().get(txid).tx();
            b.submitTransaction(tx);
            waitFor("the pending payment's event", () -> seen.stream().anyMatch(e ->
                    e instanceof WalletEvent.TransactionChanged c && c.added() && c.transaction().txid().equals(txid)
                            && c.transaction().state() == WalletTxState.PENDING));
            assertEquals(amount, receiver.balance().pending());
            WalletTransactionRow received = receiver.transaction(txid).orElseThrow();
            assertEquals(amount, received.amount());
            assertEquals(0, received.fee(), "the receiver paid no fee");
            assertEquals("from A", received.label());

            List<Block> confirming = mine(a, SOMEONE_ELSE, 1);
            relayBlocks(confirming, b);
            waitFor("the confirmation's events", () -> seen.stream().anyMatch(e ->
                    e instanceof WalletEvent.TransactionChanged c && c.transaction().txid().equals(txid)
                            && c.transaction().state() == WalletTxState.CONFIRMED && !c.added())
                    && seen.stream().anyMatch(e -> e instanceof WalletEvent.ConfirmationsAdvanced c
                            && c.height() == b.chain().height() && c.balance().spendable() == amount));
            assertEquals(amount, receiver.balance().spendable());
            ReceiveAddress listed = receiver.receiveAddresses(1).stream()
                    .filter(r -> r.address().equals(to.address())).findFirst().orElseThrow();
            assertEquals(amount, listed.received());
            assertEquals(1, listed.transactions());
            assertEquals("from A", listed.label());
        }
    }

    @Test
    void anAddressWithOneCharacterChangedIsRefusedWithTheReasonAndAnotherNetworksIsNamed() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            String good = w.newAddress("").address();
            AddressCheck ok = w.checkAddress(good);
            assertTrue(ok.valid());
            assertTrue(ok.mine());
            AddressCheck bad = w.checkAddress(typo(good));
            assertFalse(bad.valid());
            assertTrue(bad.problem().orElseThrow().contains("checksum"), bad.problem().orElseThrow());
            WalletServiceException refused = assertThrows(WalletServiceException.class,
                    () -> w.review(SendRequest.to(typo(good), Amount.coins(1), 10)));
            assertEquals(WalletServiceException.Reason.INVALID_ADDRESS, refused.reason());
            assertTrue(refused.getMessage().contains("checksum"), refused.getMessage());

            String mainAddress = new Address(ChainParams.MAIN.addressPrefix(), SOMEONE_ELSE).encode();
            AddressCheck main = w.checkAddress(mainAddress);
            assertFalse(main.valid());
            assertEquals("main", main.network());
            assertEquals("This is a main-network address (main); this node is on regtest.", main.problem().orElseThrow());
            assertTrue(w.checkAddress("0OIl").problem().orElseThrow().startsWith("Not a valid address: "));
        }
    }

    @Test
    void anAmountAboveTheBalanceIsRefusedAsInsufficientFunds() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 1);
            String to = new Address(ChainParams.REGTEST.addressPrefix(), SOMEONE_ELSE).encode();
            WalletServiceException e = assertThrows(WalletServiceException.class,
                    () -> w.review(SendRequest.to(to, w.balance().spendable() + 1, 10)));
            assertEquals(WalletServiceException.Reason.INSUFFICIENT_FUNDS, e.reason());
            assertTrue(e.getMessage().startsWith("Insufficient funds"), e.getMessage());
        }
    }

    @Test
    void theFeeEstimateStartsAtTheFloorAndRisesWithWhatTheMempoolPays() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            FeeEstimate empty = w.estimateFee(2);
            assertTrue(empty.atFloor());
            assertEquals(empty.floor(), empty.feeRate());
            assertTrue(empty.floor() >= 1);

            mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 5);
            w.unlock(PASSWORD.clone(), UNLOCK);
            String to = new Address(ChainParams.REGTEST.addressPrefix(), SOMEONE_ELSE).encode();
            for (int i = 0; i < 3; i++) {
                w.confirm(w.review(SendRequest.to(to, Amount.coins(1), 400)), Optional.empty());
            }
            FeeEstimate busy = w.estimateFee(1);
            assertFalse(busy.atFloor());
            assertTrue(busy.feeRate() >= 400, "the estimate follows what waits: " + busy);
            assertEquals(3, busy.samples());
            assertEquals(WalletService.MAX_FEE_TARGET, w.estimateFee(5_000).targetBlocks(), "targets are clamped");
        }
    }

    @Test
    void labelsOnAddressesAndTransactionsRoundTrip() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            ReceiveAddress rent = w.newAddress("rent");
            assertTrue(w.receiveAddresses(0).contains(rent));
            w.setAddressLabel(rent.address(), "rent for May");
            assertEquals("rent for May", w.checkAddress(rent.address()).label());
            Hash txid = mine(a, keyOf(rent.address()), 1).get(0).transactions().get(0).txid();
            assertEquals("rent for May", w.transaction(txid).orElseThrow().label());
            w.setTransactionLabel(txid, "first block");
            assertEquals("first block", w.history().get(0).label());
            w.setTransactionLabel(txid, "");
            assertEquals("rent for May", w.history().get(0).label(), "the address's label shows again");

            String foreign = new Address(ChainParams.REGTEST.addressPrefix(), SOMEONE_ELSE).encode();
            assertEquals(WalletServiceException.Reason.INVALID_ADDRESS,
                    assertThrows(WalletServiceException.class, () -> w.setAddressLabel(foreign, "x")).reason());
            assertEquals(WalletServiceException.Reason.INVALID_LABEL, assertThrows(WalletServiceException.class,
                    () -> w.setAddressLabel(rent.address(), "x".repeat(101))).reason());
        }
    }

    @Test
    void coinControlSpendsExactlyTheChosenCoinAndALockedCoinIsLeftAlone() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false)) {
            WalletService w = a.services().wallet();
            mine(a, wallet(a).miningKeyHash(), ChainParams.COINBASE_MATURITY + 3);
            List<WalletCoin> coins = w.coins();
            assertEquals(4, coins.size(), "four mature rewards");
            String to = new Address(ChainParams.REGTEST.addressPrefix(), SOMEONE_ELSE).encode();
            WalletCoin chosen = coins.get(2);
            SendReview review = w.review(new SendRequest(List.of(new SendRequest.Recipient(to, Amount.coins(1))), 10,
                    false, List.of(chosen.outpoint()), "chosen"));
            assertEquals(List.of(chosen.outpoint()), review.inputs().stream().map(SendReview.Input::outpoint).toList());

            w.setCoinsLocked(List.of(coins.get(0).outpoint()), true);
            assertTrue(w.coins().stream().filter(WalletCoin::locked).map(WalletCoin::outpoint).toList()
                    .equals(List.of(coins.get(0).outpoint())));
            SendReview automatic = w.review(SendRequest.to(to, Amount.coins(1), 10));
            assertFalse(automatic.inputs().stream().anyMatch(i -> i.outpoint().equals(coins.get(0).outpoint())));
            w.setCoinsLocked(List.of(coins.get(0).outpoint()), false);
            assertEquals(WalletServiceException.Reason.UNKNOWN_COIN, assertThrows(WalletServiceException.class,
                    () -> w.setCoinsLocked(List.of(coins.get(0).outpoint()), false)).reason());
        }
    }

    @Test
    void aWalletCreatedWhileTheNodeRunsIsRestoredElsewhereFromItsWordsWithTheSameBalance() throws Exception {
        try (Node a = Node.start(NodeConfig.regtest(dirA).withRpcPort(NodeConfig.OFF));
                Node b = Node.start(NodeConfig.regtest(dirB).withRpcPort(NodeConfig.OFF))) {
            WalletService created = a.services().wallet();
            assertEquals(WalletState.none().exists(), created.state().exists());
            assertEquals(WalletServiceException.Reason.NO_WALLET,
                    assertThrows(WalletServiceException.class, created::balance).reason());
            assertEquals(WalletServiceException.Reason.INVALID_PASSWORD, assertThrows(WalletServiceException.class,
                    () -> created.create("short".toCharArray(), "")).reason());
            List<String> words = created.create(PASSWORD.clone(), "");
            assertEquals(WalletService.RECOVERY_WORDS, words.size());
            assertTrue(created.state().loaded());
            assertTrue(created.state().locked());
            assertEquals(WalletServiceException.Reason.ALREADY_EXISTS, assertThrows(WalletServiceException.class,
                    () -> created.create(PASSWORD.clone(), "")).reason());
            String paid = created.newAddress("mined").address();
            List<Block> blocks = mine(a, keyOf(paid), 2);
            relayBlocks(mine(a, SOMEONE_ELSE, 3), b);
            relayBlocks(blocks, b);

            WalletService restored = b.services().wallet();
            List<String> wrong = new java.util.ArrayList<>(words);
            wrong.set(23, words.get(23).equals("zoo") ? "abandon" : "zoo");
            assertEquals(WalletServiceException.Reason.INVALID_PHRASE, assertThrows(WalletServiceException.class,
                    () -> restored.restore(wrong, "", PASSWORD.clone())).reason());
            assertFalse(Files.exists(WalletCreation.keystoreFile(dirB)), "a wrong phrase makes nothing");
            List<WalletEvent> seen = new CopyOnWriteArrayList<>();
            b.services().subscribe(WalletEvent.class, seen::add);
            WalletState state = restored.restore(words, "", PASSWORD.clone()).get();
            assertTrue(state.loaded());
            assertEquals(b.chain().height(), state.height());
            assertEquals(2 * SUBSIDY, restored.balance().immature());
            assertEquals(created.balance(), restored.balance());
            assertTrue(seen.stream().anyMatch(e -> e instanceof WalletEvent.RescanProgress p && p.done()));
            assertTrue(seen.stream().anyMatch(e -> e instanceof WalletEvent.Loaded l && l.state().loaded()));
        }
    }
}
