package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.HexFormat;
import java.util.List;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockStatus;
import org.peerchain.chain.ChainState;
import org.peerchain.chain.UtxoStats;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CoreJson;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.mempool.MempoolEntry;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;

/**
 * The blockchain and control methods, with bitcoind's names, parameters and result fields. Amounts are
 * coins (8 decimals) as bitcoind reports them; {@code getblock HASH 0} and {@code getblockheader HASH
 * false} return the canonical bytes as hex (docs/PROTOCOL.md gives the layout).
 */
final class ChainRpc {
    /** A tip older than this means the node is still catching up (bitcoind's default max tip age). */
    static final long MAX_TIP_AGE_SECONDS = 24 * 60 * 60;
    private static final HexFormat HEX = HexFormat.of();

    private final Node node;
    private final ChainState chain;

    ChainRpc(Node node) {
        this.node = node;
        this.chain = node.chain();
    }

    void register(RpcMethods m) {
        m.register("getblockchaininfo", List.of(), p -> blockchainInfo());
        m.register("getblockcount", List.of(), p -> new JsonPrimitive(chain.height()));
        m.register("getbestblockhash", List.of(), p -> new JsonPrimitive(chain.tip().hash().toHex()));
        m.register("getblockhash", List.of("height"), this::blockHash);
        m.register("getblock", List.of("blockhash", "verbosity"), this::block);
        m.register("getblockheader", List.of("blockhash", "verbose"), this::blockHeader);
        m.register("getchaintips", List.of(), p -> chainTips());
        m.register("getrawmempool", List.of("verbose"), this::rawMempool);
        m.register("gettxoutsetinfo", List.of(), p -> txOutSetInfo());
        m.register("getdifficulty", List.of(), p -> new JsonPrimitive(
                CompactTarget.difficulty(chain.tip().header().bits())));
        m.register("stop", List.of(), p -> {
            org.peerchain.node.rpc.RpcServer.afterReply(node::requestStop);
            return new JsonPrimitive("PeerChain server stopping");
        });
    }

    private JsonElement blockchainInfo() {
        return chain.read(() -> {
            BlockIndexEntry tip = chain.tip();
            BlockIndexEntry best = chain.bestHeader();
            JsonObject o = new JsonObject();
            o.addProperty("chain", node.params().name());
            o.addProperty("blocks", tip.height());
            o.addProperty("headers", best.height());
            o.addProperty("bestblockhash", tip.hash().toHex());
            o.addProperty("bits", bitsHex(tip.header().bits()));
            o.addProperty("target", targetHex(tip.header().bits()));
            o.addProperty("difficulty", CompactTarget.difficulty(tip.header().bits()));
            o.addProperty("time", tip.header().time());
            o.addProperty("mediantime", chain.medianTimePast());
            o.addProperty("verificationprogress", best.height() == 0 ? 1.0 : (double) tip.height() / best.height());
            o.addProperty("initialblockdownload", tip.header().time() < Node.nowSeconds() - MAX_TIP_AGE_SECONDS);
            o.addProperty("chainwork", workHex(tip));
            o.addProperty("size_on_disk", node.sizeOnDisk());
            o.addProperty("pruned", false);
            o.addProperty("warnings", "");
            return o;
        });
    }

    private JsonElement blockHash(RpcParams p) throws RpcException {
        int height = p.requireInt(0, "height");
        BlockIndexEntry e = chain.entryAt(height);
        if (e == null) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Block height out of range");
        }
        return new JsonPrimitive(e.hash().toHex());
    }

    private BlockIndexEntry knownBlock(RpcParams p) throws RpcException {
        Hash hash = p.requireHash(0, "blockhash");
        BlockIndexEntry e = chain.entry(hash);
        if (e == null) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Block not found");
        }
        return e;
    }

    private JsonElement block(RpcParams p) throws RpcException {
        BlockIndexEntry e = knownBlock(p);
        int verbosity = 1;
        if (p.has(1)) {
            JsonElement v = p.get(1);
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                verbosity = v.getAsBoolean() ? 1 : 0;
            } else {
                verbosity = p.requireInt(1, "verbosity");
            }
        }
        if (verbosity < 0 || verbosity > 2) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "verbosity must be 0, 1 or 2, not " + verbosity);
        }
        byte[] bytes = chain.blockBytes(e.hash());
        if (bytes == null) {
            throw new RpcException(RpcErrors.MISC_ERROR, "Block not available (only its header is known)");
        }
        if (verbosity == 0) {
            return new JsonPrimitive(HEX.formatHex(bytes));
        }
        Block block = Block.deserialize(bytes);
        JsonObject o = headerJson(e);
        o.addProperty("size", bytes.length);
        JsonArray txs = new JsonArray();
        for (Transaction tx : block.transactions()) {
            txs.add(verbosity == 1 ? new JsonPrimitive(tx.txid().toHex()) : transactionJson(tx));
        }
        o.add("tx", txs);
        return o;
    }

    private JsonElement blockHeader(RpcParams p) throws RpcException {
        BlockIndexEntry e = knownBlock(p);
        if (!p.optionalBoolean(1, "verbose", true)) {
            return new JsonPrimitive(HEX.formatHex(e.header().serialize()));
        }
        return headerJson(e);
    }

    private JsonObject headerJson(BlockIndexEntry e) {
        return chain.read(() -> {
            BlockHeader h = e.header();
            boolean active = chain.isActive(e);
            JsonObject o = new JsonObject();
            o.addProperty("hash", e.hash().toHex());
            o.addProperty("confirmations", active ? chain.height() - e.height() + 1 : -1);
            o.addProperty("height", e.height());
            o.addProperty("version", h.version());
            o.addProperty("versionHex", String.format("%08x", h.version()));
            o.addProperty("merkleroot", h.merkleRoot().toHex());
            o.addProperty("time", h.time());
            o.addProperty("mediantime", chain.medianTimePast(e));
            o.addProperty("nonce", h.nonce());
            o.addProperty("bits", bitsHex(h.bits()));
            o.addProperty("target", targetHex(h.bits()));
            o.addProperty("difficulty", CompactTarget.difficulty(h.bits()));
            o.addProperty("chainwork", workHex(e));
            o.addProperty("nTx", nTx(e));
            if (e.parent() != null) {
                o.addProperty("previousblockhash", e.parent().hash().toHex());
            }
            BlockIndexEntry next = active ? chain.entryAt(e.height() + 1) : null;
            if (next != null) {
                o.addProperty("nextblockhash", next.hash().toHex());
            }
            return o;
        });
    }

    private int nTx(BlockIndexEntry e) {
        byte[] bytes = chain.blockBytes(e.hash());
        return bytes == null ? 0 : Block.deserialize(bytes).transactions().size();
    }

    static JsonObject transactionJson(Transaction tx) {
        JsonObject o = CoreJson.toJson(tx);
        o.addProperty("size", tx.size());
        JsonArray vin = new JsonArray();
        for (TxInput in : tx.inputs()) {
            JsonObject i = new JsonObject();
            if (tx.isCoinbase()) {
                i.addProperty("coinbase", HEX.formatHex(in.coinbaseData()));
            } else {
                i.addProperty("txid", in.prevout().txid().toHex());
                i.addProperty("vout", in.prevout().index());
            }
            vin.add(i);
        }
        o.add("vin", vin);
        JsonArray vout = new JsonArray();
        for (int n = 0; n < tx.outputs().size(); n++) {
            JsonObject out = new JsonObject();
            out.add("value", RpcJson.amount((tx.outputs().get(n).amount())));
            out.addProperty("n", n);
            out.addProperty("keyhash", tx.outputs().get(n).keyHash().toHex());
            vout.add(out);
        }
        o.add("vout", vout);
        return o;
    }

    private JsonElement chainTips() {
        return chain.read(() -> {
            JsonArray tips = new JsonArray();
            for (BlockIndexEntry t : chain.tips()) {
                JsonObject o = new JsonObject();
                o.addProperty("height", t.height());
                o.addProperty("hash", t.hash().toHex());
                BlockIndexEntry fork = chain.forkPoint(t);
                o.addProperty("branchlen", t.height() - fork.height());
                o.addProperty("status", tipStatus(t));
                tips.add(o);
            }
            return tips;
        });
    }

    private String tipStatus(BlockIndexEntry t) {
        if (chain.isActive(t)) {
            return "active";
        }
        boolean headersOnly = false;
        for (BlockIndexEntry e = t; !chain.isActive(e); e = e.parent()) {
            if (e.status() == BlockStatus.FAILED) {
                return "invalid";
            }
            if (e.status() == BlockStatus.HEADER_ONLY) {
                headersOnly = true;
            }
        }
        return headersOnly ? "headers-only" : "valid-fork";
    }

    private JsonElement rawMempool(RpcParams p) throws RpcException {
        boolean verbose = p.optionalBoolean(0, "verbose", false);
        List<MempoolEntry> entries = node.mempool().entries();
        if (!verbose) {
            JsonArray a = new JsonArray();
            entries.forEach(e -> a.add(e.tx().txid().toHex()));
            return a;
        }
        JsonObject o = new JsonObject();
        for (MempoolEntry e : entries) {
            JsonObject x = new JsonObject();
            x.addProperty("vsize", e.size());
            x.addProperty("size", e.size());
            x.addProperty("time", e.time());
            JsonObject fees = new JsonObject();
            fees.add("base", RpcJson.amount((e.fee())));
            x.add("fees", fees);
            JsonArray depends = new JsonArray();
            for (TxInput in : e.tx().inputs()) {
                if (node.mempool().contains(in.prevout().txid())) {
                    depends.add(in.prevout().txid().toHex());
                }
            }
            x.add("depends", depends);
            o.add(e.tx().txid().toHex(), x);
        }
        return o;
    }

    private JsonElement txOutSetInfo() {
        UtxoStats s = chain.utxoStats();
        JsonObject o = new JsonObject();
        o.addProperty("height", s.height());
        o.addProperty("bestblock", s.bestBlock().toHex());
        o.addProperty("txouts", s.txouts());
        o.add("total_amount", RpcJson.amount((s.totalAmount())));
        return o;
    }

    private static String bitsHex(long bits) {
        return String.format("%08x", bits);
    }

    private static String targetHex(long bits) {
        return String.format("%064x", CompactTarget.decode(bits));
    }

    private static String workHex(BlockIndexEntry e) {
        return String.format("%064x", e.chainWork());
    }
}
