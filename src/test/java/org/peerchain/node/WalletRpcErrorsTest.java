package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.mine;
import static org.peerchain.node.WalletNodes.wallet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.Wallet;

/** Wallet RPC errors in words with bitcoind's codes, over real HTTP; the node keeps serving after each. */
@Timeout(120)
class WalletRpcErrorsTest {
    private static final JsonPrimitive PASS = new JsonPrimitive(new String(PASSWORD));

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    Node node;
    RpcClient rpc;
    String someAddress;

    @BeforeEach
    void startNodeWithMatureCoins() throws Exception {
        node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false);
        mine(node, wallet(node).miningKeyHash(), ChainParams.COINBASE_MATURITY + 1);
        rpc = RpcClient.forDataDir(dir);
        someAddress = rpc.call("getnewaddress").getAsString();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private RpcException fails(String method, JsonElement... params) {
        return assertThrows(RpcException.class, () -> rpc.call(method, params));
    }

    private void assertStillServing() throws Exception {
        assertEquals(ChainParams.COINBASE_MATURITY + 1, rpc.call("getblockcount").getAsInt());
    }

    @Test
    void aFeeRateNoSendCouldLeaveWithOrBetweenWholeUnitsIsRefused() throws Exception {
        RpcException zero = fails("settxfee", new JsonPrimitive(0));
        assertEquals(RpcErrors.INVALID_PARAMETER, zero.code());
        assertTrue(zero.getMessage().contains("less than the relay fee 0.00001000"), zero.getMessage());
        RpcException between = fails("settxfee", new JsonPrimitive(new java.math.BigDecimal("0.00001999")));
        assertEquals(RpcErrors.INVALID_PARAMETER, between.code());
        assertTrue(between.getMessage().contains("not a whole number of base units per byte"), between.getMessage());
        assertTrue(rpc.call("settxfee", new JsonPrimitive(new java.math.BigDecimal("0.00002"))).getAsBoolean());
        assertEquals("0.00002000", rpc.call("getwalletinfo").getAsJsonObject().get("paytxfee").getAsBigDecimal()
                .setScale(8).toPlainString());
        assertStillServing();
    }

    @Test
    void aBackupIntoAFolderThatIsNotThereSaysSo() throws Exception {
        Path missing = elsewhere.resolve("no-such-folder").resolve("wallet.backup");
        RpcException e = fails("backupwallet", new JsonPrimitive(missing.toString()));
        assertEquals(RpcErrors.WALLET_ERROR, e.code());
        assertTrue(e.getMessage().contains("the folder " + missing.getParent() + " does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertStillServing();
    }

    @Test
    void sendingWhileLockedAsksForTheWalletPassphrase() throws Exception {
        RpcException e = fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(1));
        assertEquals(RpcErrors.WALLET_UNLOCK_NEEDED, e.code());
        assertEquals("Error: Please enter the wallet passphrase with walletpassphrase first.", e.getMessage());
        assertEquals(0, rpc.call("getwalletinfo").getAsJsonObject().get("unlocked_until").getAsLong());
    }

    @Test
    void aWrongPassphraseIsRefusedAndTheRightOneUnlocksUntilWalletlock() throws Exception {
        RpcException e = fails("walletpassphrase", new JsonPrimitive("not it"), new JsonPrimitive(60));
        assertEquals(RpcErrors.WALLET_PASSPHRASE_INCORRECT, e.code());
        assertEquals("Error: The wallet passphrase entered was incorrect.", e.getMessage());
        rpc.call("walletpassphrase", PASS, new JsonPrimitive(60));
        long until = rpc.call("getwalletinfo").getAsJsonObject().get("unlocked_until").getAsLong();
        assertTrue(until > System.currentTimeMillis() / 1000, "unlocked until " + until);
        rpc.call("walletlock");
        assertFalse(wallet(node).isUnlocked());
        assertEquals(RpcErrors.INVALID_PARAMETER, fails("walletpassphrase", PASS, new JsonPrimitive(0)).code());
    }

    @Test
    void badAddressesAndAmountsAreNamedWithBitcoindCodes() throws Exception {
        rpc.call("walletpassphrase", PASS, new JsonPrimitive(60));
        char last = someAddress.charAt(someAddress.length() - 1);
        String typo = someAddress.substring(0, someAddress.length() - 1) + (last == 'z' ? 'y' : 'z');
        RpcException badAddress = fails("sendtoaddress", new JsonPrimitive(typo), new JsonPrimitive(1));
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, badAddress.code());
        assertTrue(badAddress.getMessage().contains("checksum does not match"), badAddress.getMessage());

        RpcException tooMuch = fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(1000));
        assertEquals(RpcErrors.WALLET_INSUFFICIENT_FUNDS, tooMuch.code());
        assertTrue(tooMuch.getMessage().contains("100.00000000 spendable") && tooMuch.getMessage().contains("1000.00000000"),
                tooMuch.getMessage());

        assertEquals(RpcErrors.TYPE_ERROR, fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(0)).code());
        assertEquals(RpcErrors.TYPE_ERROR, fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(-1)).code());
        assertEquals(RpcErrors.TYPE_ERROR,
                fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive("0.000000001")).code());
        RpcException dust = fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive("0.000005"));
        assertEquals(RpcErrors.INVALID_PARAMETER, dust.code());
        assertTrue(dust.getMessage().contains("dust"), dust.getMessage());
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY,
                fails("gettransaction", new JsonPrimitive("00".repeat(32))).code());
        assertStillServing();
    }

    /**
     * Security round 2, finding 9: subtracting the fee from the amount skipped every check of the rate, so a negative
     * rate built a transaction paying out more than it spent and a huge one burnt most of the amount. Failed before.
     */
    @Test
    void aNegativeOrHugeFeeRateIsRefusedWhenTheFeeComesOutOfTheAmountTooAndNothingIsSent() throws Exception {
        rpc.call("walletpassphrase", PASS, new JsonPrimitive(60));
        java.math.BigDecimal before = rpc.call("getbalance").getAsBigDecimal();
        JsonElement none = com.google.gson.JsonNull.INSTANCE;
        for (boolean subtract : new boolean[] {true, false}) {
            RpcException negative = fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(10),
                    new JsonPrimitive(""), new JsonPrimitive(""), new JsonPrimitive(subtract), none, none, none, none,
                    new JsonPrimitive(-5));
            assertEquals(RpcErrors.INVALID_PARAMETER, negative.code(), negative.getMessage());
            assertTrue(negative.getMessage().contains("fee rate -5"), negative.getMessage());
            RpcException huge = fails("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(10),
                    new JsonPrimitive(""), new JsonPrimitive(""), new JsonPrimitive(subtract), none, none, none, none,
                    new JsonPrimitive(900_000));
            assertEquals(RpcErrors.INVALID_PARAMETER, huge.code(), huge.getMessage());
            assertTrue(huge.getMessage().contains("above the maximum of 0.10"), huge.getMessage());
        }
        assertEquals(before, rpc.call("getbalance").getAsBigDecimal(), "nothing was sent");
        assertEquals(0, rpc.call("getrawmempool").getAsJsonArray().size());
        assertStillServing();
    }

    @Test
    void sendAllSubtractsTheFeeFromTheAmountAndEmptiesTheSpendableBalance() throws Exception {
        rpc.call("walletpassphrase", PASS, new JsonPrimitive(60));
        String txid = rpc.call("sendtoaddress", new JsonPrimitive(someAddress), new JsonPrimitive(100),
                new JsonPrimitive(""), new JsonPrimitive(""), new JsonPrimitive(true)).getAsString();
        JsonObject tx = rpc.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject();
        assertTrue(tx.get("fee").getAsBigDecimal().signum() < 0);
        // Sent to ourselves: the whole 100 less the fee comes back as an unconfirmed receive from our own send.
        assertEquals(tx.get("fee").getAsBigDecimal().add(new java.math.BigDecimal(100)).setScale(8),
                rpc.call("getbalance").getAsBigDecimal());
        assertEquals(1, rpc.call("listunspent", new JsonPrimitive(0)).getAsJsonArray().size());
    }

    @Test
    void aCorruptedKeystoreGivesAClearErrorTheNodeKeepsRunningAndTheBackupStillOpens() throws Exception {
        Path keystore = dir.resolve(Wallet.KEYSTORE_FILE);
        String text = Files.readString(keystore);
        Files.writeString(keystore, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        RpcException e = fails("walletpassphrase", PASS, new JsonPrimitive(60));
        assertEquals(RpcErrors.WALLET_ERROR, e.code());
        assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains(".bak"), e.getMessage());
        assertStillServing();
        try (Keystore fromBackup = Keystore.open(Keystore.backupOf(keystore), PASSWORD)) {
            assertEquals(64, fromBackup.seed().length);
        }
    }

    @Test
    void backupwalletWritesAnEncryptedKeystoreAndThePassphraseChangeAppliesToTheWallet() throws Exception {
        Path target = elsewhere.resolve("wallet-backup.keystore");
        rpc.call("backupwallet", new JsonPrimitive(target.toString()));
        Keystore.open(target, PASSWORD).close();
        rpc.call("walletpassphrasechange", PASS, new JsonPrimitive("new password"));
        assertEquals(RpcErrors.WALLET_PASSPHRASE_INCORRECT, fails("walletpassphrase", PASS, new JsonPrimitive(5)).code());
        rpc.call("walletpassphrase", new JsonPrimitive("new password"), new JsonPrimitive(5));
        assertTrue(wallet(node).isUnlocked());
    }

    @Test
    void aNodeWithoutAWalletSaysHowToMakeOne() throws Exception {
        try (Node bare = Node.start(NodeConfig.regtest(elsewhere))) {
            RpcException e = assertThrows(RpcException.class,
                    () -> RpcClient.forDataDir(elsewhere).call("getbalance"));
            assertEquals(RpcErrors.WALLET_NOT_FOUND, e.code());
            assertTrue(e.getMessage().contains("--create-wallet"), e.getMessage());
        }
    }
}
