package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.mine;
import static org.peerchain.node.WalletNodes.wallet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.KeyHash;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;

/** The wallet's RPC twins of the desktop's screens, over real HTTP, with bitcoind's shapes and error codes. */
@Timeout(180)
class WalletDesktopRpcTest {
    private static final JsonPrimitive PASS = new JsonPrimitive(new String(PASSWORD));
    private static final String FOREIGN = new Address(ChainParams.REGTEST.addressPrefix(), KeyHash.of(new byte[32]))
            .encode();

    @TempDir
    Path dir;

    private static JsonPrimitive s(String text) {
        return new JsonPrimitive(text);
    }

    private static JsonPrimitive n(long number) {
        return new JsonPrimitive(number);
    }

    private static int code(RpcClient rpc, String method, JsonElement... params) {
        return assertThrows(RpcException.class, () -> rpc.call(method, params)).code();
    }

    private static String typo(String address) {
        char last = address.charAt(address.length() - 1);
        return address.substring(0, address.length() - 1) + (last == 'z' ? 'y' : 'z');
    }

    @Test
    void estimatesmartfeeGivesTheFloorPerKilobyteWithAnErrorUntilThereIsDataAndRefusesBadTargetsAndModes()
            throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            JsonObject fee = rpc.call("estimatesmartfee", n(6)).getAsJsonObject();
            assertEquals(new BigDecimal("0.00001000"), fee.get("feerate").getAsBigDecimal());
            assertEquals(6, fee.get("blocks").getAsInt());
            assertEquals(1, fee.getAsJsonArray("errors").size());
            assertEquals(2, rpc.call("estimatesmartfee", n(2), s("CONSERVATIVE")).getAsJsonObject().get("blocks")
                    .getAsInt());
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "estimatesmartfee", n(0)));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "estimatesmartfee", n(1009)));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "estimatesmartfee", n(2), s("fast")));
            assertEquals(RpcErrors.MISC_ERROR, code(rpc, "estimatesmartfee"));
        }
    }

    @Test
    void listreceivedbyaddressTotalsWhatEachAddressReceivedWithItsLabelAndTxids() throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            String paid = rpc.call("getnewaddress", s("paid")).getAsString();
            String empty = rpc.call("getnewaddress", s("empty")).getAsString();
            mine(node, Address.parse(paid, ChainParams.REGTEST.addressPrefix()).keyHash(), 2);
            JsonArray list = rpc.call("listreceivedbyaddress").getAsJsonArray();
            assertEquals(1, list.size(), "only paid addresses by default: " + list);
            JsonObject entry = list.get(0).getAsJsonObject();
            assertEquals(paid, entry.get("address").getAsString());
            assertEquals("paid", entry.get("label").getAsString());
            assertEquals(new BigDecimal("100.00000000"), entry.get("amount").getAsBigDecimal());
            assertEquals(1, entry.get("confirmations").getAsInt(), "the latest payment's confirmations");
            assertEquals(2, entry.getAsJsonArray("txids").size());
            JsonArray all = rpc.call("listreceivedbyaddress", n(1), new JsonPrimitive(true)).getAsJsonArray();
            assertTrue(all.toString().contains(empty), all.toString());
            JsonArray filtered = rpc.call("listreceivedbyaddress", n(0), new JsonPrimitive(true),
                    new JsonPrimitive(false), s(empty)).getAsJsonArray();
            assertEquals(1, filtered.size());
            assertEquals(0, filtered.get(0).getAsJsonObject().get("amount").getAsBigDecimal().signum());
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, code(rpc, "listreceivedbyaddress", n(0),
                    new JsonPrimitive(true), new JsonPrimitive(false), s(typo(empty))));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "listreceivedbyaddress", n(-1)));
        }
    }

    @Test
    void setlabelAndGetaddressinfoRoundTripAndRefuseTyposForeignAddressesAndTheStar() throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            String address = rpc.call("getnewaddress").getAsString();
            rpc.call("setlabel", s(address), s("savings"));
            JsonObject info = rpc.call("getaddressinfo", s(address)).getAsJsonObject();
            assertTrue(info.get("ismine").getAsBoolean());
            assertFalse(info.get("ischange").getAsBoolean());
            assertEquals("savings", info.getAsJsonArray("labels").get(0).getAsString());
            assertEquals("m/44'/7777'/0'/0'/0'", info.get("hdkeypath").getAsString());
            JsonObject foreign = rpc.call("getaddressinfo", s(FOREIGN)).getAsJsonObject();
            assertFalse(foreign.get("ismine").getAsBoolean());
            assertEquals(0, foreign.getAsJsonArray("labels").size());

            RpcException bad = assertThrows(RpcException.class, () -> rpc.call("getaddressinfo", s(typo(address))));
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, bad.code());
            assertTrue(bad.getMessage().contains("checksum"), bad.getMessage());
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, code(rpc, "setlabel", s(typo(address)), s("x")));
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, code(rpc, "setlabel", s(FOREIGN), s("x")));
            assertEquals(WalletRpc.WALLET_INVALID_LABEL_NAME, code(rpc, "setlabel", s(address), s("*")));
        }
    }

    @Test
    void lockunspentKeepsACoinOutOfSendsUntilUnlockedAndNamesBadOutpoints() throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            mine(node, wallet(node).miningKeyHash(), ChainParams.COINBASE_MATURITY + 1);
            RpcClient rpc = RpcClient.forDataDir(dir);
            JsonObject coin = rpc.call("listunspent").getAsJsonArray().get(0).getAsJsonObject();
            JsonObject outpoint = new JsonObject();
            outpoint.add("txid", coin.get("txid"));
            outpoint.add("vout", coin.get("vout"));
            JsonArray one = new JsonArray();
            one.add(outpoint);
            assertTrue(rpc.call("lockunspent", new JsonPrimitive(false), one).getAsBoolean());
            assertEquals(one, rpc.call("listlockunspent"));
            // Two rewards are mature; with one locked, sending more than one reward cannot be paid.
            rpc.call("walletpassphrase", PASS, n(60));
            assertEquals(RpcErrors.WALLET_INSUFFICIENT_FUNDS, code(rpc, "sendtoaddress", s(FOREIGN), n(60)));
            assertTrue(rpc.call("lockunspent", new JsonPrimitive(true), one).getAsBoolean());
            assertEquals(0, rpc.call("listlockunspent").getAsJsonArray().size());
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "lockunspent", new JsonPrimitive(true), one),
                    "not locked");

            JsonObject negative = outpoint.deepCopy();
            negative.addProperty("vout", -1);
            JsonArray bad = new JsonArray();
            bad.add(negative);
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "lockunspent", new JsonPrimitive(false), bad));
            JsonObject unknown = outpoint.deepCopy();
            unknown.addProperty("vout", 7);
            JsonArray notOurs = new JsonArray();
            notOurs.add(unknown);
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "lockunspent", new JsonPrimitive(false), notOurs));
            assertEquals(RpcErrors.TYPE_ERROR, code(rpc, "lockunspent", new JsonPrimitive(false), s("all")));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "lockunspent", new JsonPrimitive(false), one,
                    new JsonPrimitive(true)), "a persistent lock is refused, not quietly lost at the next start");
            assertEquals(0, rpc.call("listlockunspent").getAsJsonArray().size(), "and nothing was locked");
            assertTrue(rpc.call("lockunspent", new JsonPrimitive(false), one, new JsonPrimitive(false)).getAsBoolean());
        }
    }

    @Test
    void walletlockLocksAWalletUnlockedByWalletpassphrase() throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            rpc.call("walletpassphrase", PASS, n(60));
            assertFalse(node.services().wallet().state().locked());
            rpc.call("walletlock");
            assertTrue(node.services().wallet().state().locked());
            assertEquals(0, rpc.call("getwalletinfo").getAsJsonObject().get("unlocked_until").getAsLong());
        }
    }

    @Test
    void createwalletMakesAnEncryptedWalletForScriptsOnceAndReturnsItsWords() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            assertEquals(RpcErrors.WALLET_NOT_FOUND, code(rpc, "getnewaddress"));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "createwallet", s("")));
            assertEquals(RpcErrors.INVALID_PARAMETER, code(rpc, "createwallet", s("named"), new JsonPrimitive(false),
                    new JsonPrimitive(false), PASS));
            JsonObject made = rpc.call("createwallet", s(""), new JsonPrimitive(false), new JsonPrimitive(false), PASS)
                    .getAsJsonObject();
            assertEquals(24, made.getAsJsonArray("recovery_words").size());
            assertEquals(RpcErrors.WALLET_ERROR, code(rpc, "createwallet", s(""), new JsonPrimitive(false),
                    new JsonPrimitive(false), PASS));
            String address = rpc.call("getnewaddress").getAsString();
            assertTrue(rpc.call("getaddressinfo", s(address)).getAsJsonObject().get("ismine").getAsBoolean());
            assertEquals(RpcErrors.WALLET_UNLOCK_NEEDED, code(rpc, "sendtoaddress", s(FOREIGN), n(1)));
        }
    }
}
