package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Amount;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.testing.Await;
import org.peerchain.testing.ExplorerChain;

/** getrawtransaction and scantxoutset of a real node, over real JSON-RPC, in bitcoind's shapes. */
@Timeout(120)
class RawTransactionAndScanRpcTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private Node node;
    private ExplorerChain built;
    private RpcClient rpc;

    @BeforeEach
    void startNode() throws Exception {
        node = Node.start(NodeConfig.regtest(dir));
        built = ExplorerChain.build(node);
        rpc = RpcClient.forDataDir(dir);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private static JsonPrimitive s(String text) {
        return new JsonPrimitive(text);
    }

    @Test
    void getrawtransactionGivesTheHexOfAMempoolTransactionAndDecodesItWhenVerbose() throws Exception {
        String txid = built.mempoolTx.txid().toHex();
        assertEquals(HEX.formatHex(built.mempoolTx.serialize()), rpc.call("getrawtransaction", s(txid)).getAsString());
        JsonObject verbose = rpc.call("getrawtransaction", s(txid), new JsonPrimitive(true)).getAsJsonObject();
        assertEquals(HEX.formatHex(built.mempoolTx.serialize()), verbose.get("hex").getAsString());
        assertEquals(built.mempoolTx.size(), verbose.get("size").getAsInt());
        assertEquals(built.mempoolTx.inputs().get(0).prevout().txid().toHex(),
                verbose.getAsJsonArray("vin").get(0).getAsJsonObject().get("txid").getAsString());
        assertFalse(verbose.has("blockhash"), "a mempool transaction is in no block");
        assertFalse(verbose.has("confirmations"));
        assertEquals(verbose, rpc.call("getrawtransaction", s(txid), new JsonPrimitive(1)));
    }

    @Test
    void withoutTheIndexAConfirmedTransactionNeedsItsBlockHash() throws Exception {
        String txid = built.tx103.txid().toHex();
        RpcException e = assertThrows(RpcException.class, () -> rpc.call("getrawtransaction", s(txid)));
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, e.code());
        assertEquals("No such mempool or blockchain transaction. Use -txindex to enable blockchain transaction queries.",
                e.getMessage());

        String block = built.at(103).hash().toHex();
        JsonObject tx = rpc.call("getrawtransaction", s(txid), new JsonPrimitive(true), s(block)).getAsJsonObject();
        assertEquals(block, tx.get("blockhash").getAsString());
        assertEquals(1, tx.get("confirmations").getAsInt());
        assertEquals(built.at(103).header().time(), tx.get("blocktime").getAsLong());
        assertEquals(built.at(103).header().time(), tx.get("time").getAsLong());
        assertTrue(tx.get("in_active_chain").getAsBoolean());

        RpcException wrongBlock = assertThrows(RpcException.class,
                () -> rpc.call("getrawtransaction", s(txid), new JsonPrimitive(false), s(built.at(5).hash().toHex())));
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, wrongBlock.code());
        assertEquals("No such transaction found in the provided block", wrongBlock.getMessage());

        RpcException badTxid = assertThrows(RpcException.class, () -> rpc.call("getrawtransaction", s("xyz")));
        assertEquals(RpcErrors.INVALID_PARAMETER, badTxid.code());
    }

    @Test
    void withTheIndexAnyConfirmedTransactionIsFound() throws Exception {
        node.chain().enableTxIndex();
        Await.until(Duration.ofSeconds(30), "the transaction index to be built",
                () -> node.chain().txIndexProgress().indexedHeight() == ExplorerChain.HEIGHT);
        JsonObject tx = rpc.call("getrawtransaction", s(built.tx102.txid().toHex()), new JsonPrimitive(true))
                .getAsJsonObject();
        assertEquals(built.at(102).hash().toHex(), tx.get("blockhash").getAsString());
        assertEquals(2, tx.get("confirmations").getAsInt());
        assertEquals(HEX.formatHex(built.tx102.serialize()), tx.get("hex").getAsString());
        assertFalse(tx.has("in_active_chain"), "bitcoind says it only when given the block");
    }

    @Test
    void scantxoutsetFindsTheCoinsOfAddressesGivenAsDescriptorsOrPlainly() throws Exception {
        String carol = built.carolAddress();
        long amount = ExplorerChain.TO_BOB - ExplorerChain.FEE_103;
        for (JsonElement object : new JsonElement[] {s("addr(" + carol + ")"), s(carol), descObject("addr(" + carol + ")")}) {
            JsonArray objects = new JsonArray();
            objects.add(object);
            JsonObject r = rpc.call("scantxoutset", s("start"), objects).getAsJsonObject();
            assertTrue(r.get("success").getAsBoolean());
            assertEquals(ExplorerChain.HEIGHT, r.get("height").getAsInt());
            assertEquals(built.at(103).hash().toHex(), r.get("bestblock").getAsString());
            assertEquals(node.chain().utxoStats().txouts(), r.get("txouts").getAsLong());
            JsonArray unspents = r.getAsJsonArray("unspents");
            assertEquals(1, unspents.size());
            JsonObject u = unspents.get(0).getAsJsonObject();
            assertEquals(built.tx103.txid().toHex(), u.get("txid").getAsString());
            assertEquals(0, u.get("vout").getAsInt());
            assertEquals(carol, u.get("address").getAsString());
            assertEquals("addr(" + carol + ")", u.get("desc").getAsString());
            assertEquals(new BigDecimal(Amount.format(amount)), u.get("amount").getAsBigDecimal());
            assertEquals(103, u.get("height").getAsInt());
            assertEquals(new BigDecimal(Amount.format(amount)), r.get("total_amount").getAsBigDecimal());
        }
    }

    @Test
    void scantxoutsetStatusAndAbortAnswerWhenNoScanRuns() throws Exception {
        assertTrue(rpc.call("scantxoutset", s("status")).isJsonNull());
        assertFalse(rpc.call("scantxoutset", s("abort")).getAsBoolean());
        RpcException action = assertThrows(RpcException.class, () -> rpc.call("scantxoutset", s("begin")));
        assertEquals(RpcErrors.INVALID_PARAMETER, action.code());
        assertTrue(action.getMessage().contains("'begin'"), action.getMessage());
    }

    @Test
    void scantxoutsetNamesABadAddress() throws Exception {
        String carol = built.carolAddress();
        String typo = carol.substring(0, carol.length() - 1) + (carol.endsWith("a") ? "b" : "a");
        JsonArray objects = new JsonArray();
        objects.add(s("addr(" + carol + ")"));
        objects.add(s("addr(" + typo + ")"));
        RpcException e = assertThrows(RpcException.class, () -> rpc.call("scantxoutset", s("start"), objects));
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, e.code());
        assertTrue(e.getMessage().contains(typo) && e.getMessage().contains("checksum"), e.getMessage());

        JsonArray unsupported = new JsonArray();
        unsupported.add(s("pkh(02aa)"));
        RpcException kind = assertThrows(RpcException.class, () -> rpc.call("scantxoutset", s("start"), unsupported));
        assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, kind.code());
        assertTrue(kind.getMessage().contains("pkh(02aa)"), kind.getMessage());
    }

    private static JsonObject descObject(String desc) {
        JsonObject o = new JsonObject();
        o.addProperty("desc", desc);
        return o;
    }
}
