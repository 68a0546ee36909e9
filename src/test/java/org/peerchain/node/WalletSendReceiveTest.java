package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.UNLOCK;
import static org.peerchain.node.WalletNodes.mine;
import static org.peerchain.node.WalletNodes.relayBlocks;
import static org.peerchain.node.WalletNodes.wallet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.wallet.SendResult;
import org.peerchain.wallet.TxState;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;

/**
 * Issue 6's acceptance: node A mines past coinbase maturity and sends 12.5 coins to node B, B sees it pending and
 * then spendable, A's balance drops by amount plus fee, and B sends part back. P2P is not in this branch, so the
 * test plays the network: it hands A's blocks and transaction to B with submitBlock/submitTransaction, as relay will.
 */
@Timeout(120)
class WalletSendReceiveTest {
    private static final long SUBSIDY = ChainParams.REGTEST.subsidy(1);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void nodeASendsTwelveAndAHalfCoinsToNodeBWhichSeesItPendingThenSpendableAndSendsPartBack() throws Exception {
        try (Node a = WalletNodes.startWithWallet(dirA, WalletNodes.newPhrase(), false);
                Node b = WalletNodes.startWithWallet(dirB, WalletNodes.newPhrase(), false)) {
            Wallet walletA = wallet(a);
            Wallet walletB = wallet(b);
            List<Block> blocks = mine(a, walletA.miningKeyHash(), ChainParams.COINBASE_MATURITY + 1);
            relayBlocks(blocks, b);
            // Blocks 1 and 2 have 100 confirmations or more at height 101: spendable in the next block.
            assertEquals(new WalletBalances(2 * SUBSIDY, 0, (ChainParams.COINBASE_MATURITY - 1) * SUBSIDY),
                    walletA.balances());
            assertEquals(new WalletBalances(0, 0, 0), walletB.balances());

            RpcClient rpcA = RpcClient.forDataDir(dirA);
            RpcClient rpcB = RpcClient.forDataDir(dirB);
            String addressB = rpcB.call("getnewaddress", new JsonPrimitive("from A")).getAsString();
            rpcA.call("walletpassphrase", new JsonPrimitive(new String(PASSWORD)), new JsonPrimitive(600));
            long before = walletA.balances().trusted();
            String txid = rpcA.call("sendtoaddress", new JsonPrimitive(addressB), new JsonPrimitive("12.5"),
                    new JsonPrimitive("rent"), new JsonPrimitive("Bob")).getAsString();
            JsonObject sent = rpcA.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject();
            long fee = Amount.fromCoins(sent.get("fee").getAsBigDecimal().negate());
            assertTrue(fee > 0 && fee < Amount.COIN / 1000, "a fee of " + fee);
            assertEquals(before - Amount.parse("12.5") - fee, walletA.balances().trusted(),
                    "A's spendable balance drops by amount plus fee at once");
            assertEquals(0, sent.get("confirmations").getAsInt());
            assertEquals("-12.50000000", sent.get("amount").getAsString());
            assertEquals("rent", sent.get("comment").getAsString());
            assertEquals("Bob", sent.get("to").getAsString());

            // The network: relay the transaction to B.
            b.submitTransaction(a.mempool().get(org.peerchain.core.Hash.fromHex(txid)).tx());
            JsonObject pendingB = rpcB.call("getbalances").getAsJsonObject().getAsJsonObject("mine");
            assertEquals("0.00000000", pendingB.get("trusted").getAsString());
            assertEquals("12.50000000", pendingB.get("untrusted_pending").getAsString());
            assertEquals("0.00000000", pendingB.get("immature").getAsString());
            JsonObject receivedPending = rpcB.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject();
            assertEquals(0, receivedPending.get("confirmations").getAsInt());
            assertEquals("12.50000000", receivedPending.get("amount").getAsString());

            List<Block> next = mine(a, walletA.miningKeyHash(), 1);
            relayBlocks(next, b);
            assertEquals(Amount.parse("12.5"), walletB.balances().trusted(), "spendable after a block");
            assertEquals(0, walletB.balances().untrustedPending());
            assertEquals("12.50000000", rpcB.call("getbalance").getAsString());
            JsonArray listB = rpcB.call("listtransactions").getAsJsonArray();
            assertEquals(1, listB.size());
            JsonObject received = listB.get(0).getAsJsonObject();
            assertEquals("receive", received.get("category").getAsString());
            assertEquals(addressB, received.get("address").getAsString());
            assertEquals("from A", received.get("label").getAsString());
            assertEquals(1, received.get("confirmations").getAsInt());
            assertEquals(1, rpcA.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject()
                    .get("confirmations").getAsInt());
            JsonArray unspentB = rpcB.call("listunspent").getAsJsonArray();
            assertEquals(1, unspentB.size());
            assertEquals("12.50000000", unspentB.get(0).getAsJsonObject().get("amount").getAsString());

            // B sends part back; A sees it pending, then confirmed.
            walletB.unlock(PASSWORD, UNLOCK);
            Address backTo = walletA.newAddress("from B");
            SendResult back = walletB.send(backTo, Amount.parse("4"), false, "", "");
            assertEquals(Amount.parse("12.5") - Amount.parse("4") - back.fee(), walletB.balances().trusted());
            a.submitTransaction(back.tx());
            assertEquals(Amount.parse("4"), walletA.balances().untrustedPending());
            assertEquals(TxState.PENDING, walletA.transaction(back.txid()).orElseThrow().state());
            long aTrustedBefore = walletA.balances().trusted();
            relayBlocks(mine(b, walletB.miningKeyHash(), 1), a);
            assertEquals(0, walletA.balances().untrustedPending());
            assertEquals(aTrustedBefore + Amount.parse("4") + SUBSIDY, walletA.balances().trusted(),
                    "the 4 coins and block 3's reward (now 100 deep) are spendable");
            assertEquals(1, walletA.transaction(back.txid()).orElseThrow().confirmations());
            assertEquals(a.chain().tip().hash(), b.chain().tip().hash());
        }
    }
}
