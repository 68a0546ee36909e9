package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.cli.Main;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;

@Timeout(60)
class NodeRpcIntegrationTest {
    private static final HexFormat HEX = HexFormat.of();
    private final KeyHash payTo = KeyHash.of(Ed25519Keys.generate(new SecureRandom()).publicKey());

    @TempDir
    Path dir;

    private List<Block> mine(Node node, int count) throws Exception {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Block b = ProofOfWork.solve(node.assembler().assemble(payTo, 0).block(), 1_000_000);
            assertEquals(BlockOutcome.ACTIVE, node.submitBlock(b));
            blocks.add(b);
        }
        return blocks;
    }

    @Test
    void answersTheBlockchainMethodsInBitcoindShapes() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            List<Block> blocks = mine(node, 5);
            RpcClient rpc = RpcClient.forDataDir(dir);
            assertEquals(node.rpcPort(), PortsFile.read(dir, "rpc"));

            assertEquals(5, rpc.call("getblockcount").getAsInt());
            Hash tip = blocks.get(4).hash();
            assertEquals(tip.toHex(), rpc.call("getbestblockhash").getAsString());
            assertEquals(blocks.get(2).hash().toHex(), rpc.call("getblockhash", new JsonPrimitive(3)).getAsString());

            JsonObject info = rpc.call("getblockchaininfo").getAsJsonObject();
            assertEquals("regtest", info.get("chain").getAsString());
            assertEquals(5, info.get("blocks").getAsInt());
            assertEquals(5, info.get("headers").getAsInt());
            assertEquals(tip.toHex(), info.get("bestblockhash").getAsString());
            assertEquals(64, info.get("chainwork").getAsString().length());

            JsonObject block = rpc.call("getblock", new JsonPrimitive(tip.toHex())).getAsJsonObject();
            assertEquals(5, block.get("height").getAsInt());
            assertEquals(1, block.get("confirmations").getAsInt());
            assertEquals(blocks.get(3).hash().toHex(), block.get("previousblockhash").getAsString());
            assertEquals(blocks.get(4).transactions().get(0).txid().toHex(),
                    block.getAsJsonArray("tx").get(0).getAsString());

            JsonObject verbose = rpc.call("getblock", new JsonPrimitive(tip.toHex()), new JsonPrimitive(2))
                    .getAsJsonObject();
            JsonObject coinbase = verbose.getAsJsonArray("tx").get(0).getAsJsonObject();
            assertEquals(new BigDecimal("50.00000000"),
                    coinbase.getAsJsonArray("vout").get(0).getAsJsonObject().get("value").getAsBigDecimal());

            JsonObject third = rpc.call("getblock", new JsonPrimitive(blocks.get(2).hash().toHex())).getAsJsonObject();
            assertEquals(blocks.get(3).hash().toHex(), third.get("nextblockhash").getAsString());
            assertEquals(3, third.get("confirmations").getAsInt());

            JsonObject utxo = rpc.call("gettxoutsetinfo").getAsJsonObject();
            assertEquals(5, utxo.get("txouts").getAsLong());
            assertEquals(new BigDecimal("250.00000000"), utxo.get("total_amount").getAsBigDecimal());
            assertEquals(0, rpc.call("getrawmempool").getAsJsonArray().size());
            JsonArray tips = rpc.call("getchaintips").getAsJsonArray();
            assertEquals("active", tips.get(0).getAsJsonObject().get("status").getAsString());
        }
    }

    @Test
    void returnsCanonicalBytesFromWhichAnOutsideToolRecomputesEveryHash() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            Block b = mine(node, 1).get(0);
            RpcClient rpc = RpcClient.forDataDir(dir);
            byte[] raw = HEX.parseHex(rpc.call("getblock", new JsonPrimitive(b.hash().toHex()), new JsonPrimitive(0))
                    .getAsString());
            assertArrayEquals(b.serialize(), raw);
            byte[] header = HEX.parseHex(rpc.call("getblockheader", new JsonPrimitive(b.hash().toHex()),
                    new JsonPrimitive(false)).getAsString());
            assertEquals(BlockHeader.SIZE, header.length);
            // Recompute with the JDK alone: double SHA-256 of the 80 header bytes.
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            assertEquals(b.hash().toHex(), HEX.formatHex(sha.digest(sha.digest(header))));
            assertArrayEquals(java.util.Arrays.copyOfRange(raw, 0, BlockHeader.SIZE), header);
        }
    }

    @Test
    void badCallsGetClearErrorsAndTheNodeKeepsServing() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            RpcException range = assertThrows(RpcException.class, () -> rpc.call("getblockhash", new JsonPrimitive(7)));
            assertEquals(RpcErrors.INVALID_PARAMETER, range.code());
            assertTrue(range.getMessage().contains("out of range"), range.getMessage());
            RpcException type = assertThrows(RpcException.class,
                    () -> rpc.call("getblockhash", new JsonPrimitive("seven")));
            assertEquals(RpcErrors.TYPE_ERROR, type.code());
            RpcException badHash = assertThrows(RpcException.class,
                    () -> rpc.call("getblock", new JsonPrimitive("xyz")));
            assertEquals(RpcErrors.INVALID_PARAMETER, badHash.code());
            RpcException unknown = assertThrows(RpcException.class,
                    () -> rpc.call("getblock", new JsonPrimitive(Hash.ZERO.toHex())));
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, unknown.code());
            assertEquals("Block not found", unknown.getMessage());
            RpcException verbosity = assertThrows(RpcException.class, () -> rpc.call("getblock",
                    new JsonPrimitive(node.params().genesisHash().toHex()), new JsonPrimitive(5)));
            assertEquals(RpcErrors.INVALID_PARAMETER, verbosity.code());
            RpcException noMethod = assertThrows(RpcException.class, () -> rpc.call("getwalletmagic"));
            assertEquals(RpcErrors.METHOD_NOT_FOUND, noMethod.code());
            assertEquals(0, rpc.call("getblockcount").getAsInt());
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsToldWhyItCannotStart() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            NodeStartException e = assertThrows(NodeStartException.class, () -> Node.start(NodeConfig.regtest(dir)));
            assertTrue(e.getMessage().contains("already using the data directory"), e.getMessage());
            assertEquals(0, RpcClient.forDataDir(dir).call("getblockcount").getAsInt());
        }
    }

    @Test
    void stopOverRpcStopsTheNodeAndRemovesItsCookieAndPortsFile() throws Exception {
        Node node = Node.start(NodeConfig.regtest(dir));
        RpcClient rpc = RpcClient.forDataDir(dir);
        assertEquals("PeerChain server stopping", rpc.call("stop").getAsString());
        assertTrue(node.awaitStop(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve(".cookie")));
        assertFalse(Files.exists(dir.resolve(PortsFile.FILE_NAME)));
        try (Node again = Node.start(NodeConfig.regtest(dir))) {
            assertEquals(0, again.chain().height());
        }
    }

    @Test
    void restartRestoresTheTipAndTheUtxoSet() throws Exception {
        Hash tip;
        Hash digest;
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            mine(node, 12);
            tip = node.chain().tip().hash();
            digest = node.chain().utxoDigest();
        }
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            assertEquals(tip, node.chain().tip().hash());
            assertEquals(digest, node.chain().utxoDigest());
            assertEquals(12, RpcClient.forDataDir(dir).call("getblockcount").getAsInt());
        }
    }

    @Test
    void aCorruptDatabaseGetsAClearErrorAndIsLeftAsItWas() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            mine(node, 3);
        }
        Path db = dir.resolve("chain.db");
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 100; i < Math.min(bytes.length, 4000); i++) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(db, bytes);
        NodeStartException e = assertThrows(NodeStartException.class, () -> Node.start(NodeConfig.regtest(dir)));
        assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(db));
        // The directory is not left locked: a repaired directory starts.
        Files.delete(db);
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            assertEquals(0, node.chain().height());
        }
    }

    @Test
    void theRpcCommandPrintsResultsAndFailsWithTheErrorMessage() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            mine(node, 2);
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            var cli = Main.commandLine();
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            int ok = cli.execute("rpc", "--datadir", dir.toString(), "getblockcount");
            assertEquals(0, ok, "stderr: " + err);
            assertEquals("2", out.toString().strip());
            int failed = cli.execute("rpc", "--datadir", dir.toString(), "getblockhash", "99");
            assertEquals(1, failed);
            assertTrue(err.toString().contains("Block height out of range"), err.toString());
        }
    }
}
