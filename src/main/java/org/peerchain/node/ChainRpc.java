package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.HexFormat;
import java.util.List;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainState;
import org.peerchain.chain.UtxoStats;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CoreJson;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockHeaderInfo;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.TxDetail;
import org.peerchain.node.api.TxIndexState;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;

/**
 * The blockchain and control methods, with bitcoind's names, parameters and result fields; where the chain service
 * has a twin (a block, a header, the tips, the mempool, a transaction) the method only turns its answer into JSON,
 * so the explorer and the RPC cannot disagree. Amounts are coins (8 decimals) as bitcoind reports them; {@code getblock HASH 0} and {@code getblockheader HASH
 * false} return the canonical bytes as hex (docs/PROTOCOL.md gives the layout).
 */
final class ChainRpc {
    /** A tip older than this means the node is still catching up (bitcoind's default max tip age). */
    static final long MAX_TIP_AGE_SECONDS = 24 * 60 * 60;
    private static final HexFormat HEX = HexFormat.of();

    private final Node node;
    private final ChainState chain;
    private final ChainService service;
    private final ScanTxOutSet scans;

    ChainRpc(Node node) {
        this.node = node;
        this.chain = node.chain();
        this.service = new ChainQueries(node);
        this.scans = new ScanTxOutSet(service, node.params());
    }

    void register(RpcMethods m) {
        m.register("getblockchaininfo", List.of(), p -> blockchainInfo());
        m.register("getblockcount", List.of(), p -> new JsonPrimitive(service.height()));
        m.register("getbestblockhash", List.of(), p -> new JsonPrimitive(service.tip().hash().toHex()));
        m.register("getblockhash", List.of("height"), this::blockHash);
        m.register("getblock", List.of("blockhash", "verbosity"), this::block);
        m.register("getblockheader", List.of("blockhash", "verbose"), this::blockHeader);
        m.register("getchaintips", List.of(), p -> chainTips());
        m.register("getrawmempool", List.of("verbose"), this::rawMempool);
        m.register("getrawtransaction", List.of("txid", "verbose", "blockhash"), this::rawTransaction);
        m.register("scantxoutset", List.of("action", "scanobjects"), scans::call);
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
        Hash hash = service.blockHash(height)
                .orElseThrow(() -> new RpcException(RpcErrors.INVALID_PARAMETER, "Block height out of range"));
        return new JsonPrimitive(hash.toHex());
    }

    private BlockHeaderInfo knownBlock(RpcParams p) throws RpcException {
        Hash hash = p.requireHash(0, "blockhash");
        return service.header(hash)
                .orElseThrow(() -> new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Block not found"));
    }

    private JsonElement block(RpcParams p) throws RpcException {
        BlockHeaderInfo header = knownBlock(p);
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
        RpcException notStored = new RpcException(RpcErrors.MISC_ERROR,
                "Block not available (only its header is known)");
        if (verbosity == 2) {
            BlockDetail detail = service.block(header.hash()).orElseThrow(() -> notStored);
            JsonObject o = headerJson(detail.header());
            o.addProperty("size", detail.header().sizeBytes());
            JsonArray txs = new JsonArray();
            detail.transactions().forEach(tx -> txs.add(transactionJson(tx.transaction())));
            o.add("tx", txs);
            return o;
        }
        Block block = service.rawBlock(header.hash()).orElseThrow(() -> notStored);
        if (verbosity == 0) {
            return new JsonPrimitive(HEX.formatHex(block.serialize()));
        }
        JsonObject o = headerJson(header);
        o.addProperty("size", block.size());
        JsonArray txs = new JsonArray();
        block.transactions().forEach(tx -> txs.add(tx.txid().toHex()));
        o.add("tx", txs);
        return o;
    }

    private JsonElement blockHeader(RpcParams p) throws RpcException {
        BlockHeaderInfo header = knownBlock(p);
        if (!p.optionalBoolean(1, "verbose", true)) {
            BlockHeader h = new BlockHeader(header.version(), header.previous().orElse(Hash.ZERO), header.merkleRoot(),
                    header.time(), header.bits(), header.nonce());
            return new JsonPrimitive(HEX.formatHex(h.serialize()));
        }
        return headerJson(header);
    }

    private static JsonObject headerJson(BlockHeaderInfo h) {
        JsonObject o = new JsonObject();
        o.addProperty("hash", h.hash().toHex());
        o.addProperty("confirmations", h.confirmations());
        o.addProperty("height", h.height());
        o.addProperty("version", h.version());
        o.addProperty("versionHex", String.format("%08x", h.version()));
        o.addProperty("merkleroot", h.merkleRoot().toHex());
        o.addProperty("time", h.time());
        o.addProperty("mediantime", h.medianTime());
        o.addProperty("nonce", h.nonce());
        o.addProperty("bits", bitsHex(h.bits()));
        o.addProperty("target", String.format("%064x", h.target()));
        o.addProperty("difficulty", h.difficulty());
        o.addProperty("chainwork", String.format("%064x", h.chainWork()));
        o.addProperty("nTx", h.transactionCount());
        h.previous().ifPresent(prev -> o.addProperty("previousblockhash", prev.toHex()));
        h.next().ifPresent(next -> o.addProperty("nextblockhash", next.toHex()));
        return o;
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

    /**
     * bitcoind's getrawtransaction: the hex by default; verbose, the decoded transaction as getblock verbosity 2
     * prints one, its hex and where it is. With a block hash it is found without the transaction index.
     */
    private JsonElement rawTransaction(RpcParams p) throws RpcException {
        Hash txid = p.requireHash(0, "txid");
        boolean verbose = false;
        if (p.has(1)) {
            JsonElement v = p.get(1);
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                verbose = v.getAsBoolean();
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                verbose = p.requireInt(1, "verbose") != 0;
            } else {
                throw new RpcException(RpcErrors.TYPE_ERROR, "Wrong type passed: parameter 2 (verbose) must be a"
                        + " boolean or a number, got " + RpcParams.typeOf(v));
            }
        }
        TxDetail tx;
        if (p.has(2)) {
            Hash blockHash = p.requireHash(2, "blockhash");
            if (service.header(blockHash).isEmpty()) {
                throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Block hash not found");
            }
            tx = service.transaction(txid, blockHash).orElseThrow(() -> new RpcException(
                    RpcErrors.INVALID_ADDRESS_OR_KEY, "No such transaction found in the provided block"));
        } else {
            tx = service.transaction(txid).orElseThrow(() -> new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY,
                    "No such mempool or blockchain transaction. " + missingTransactionHint()));
        }
        String hex = HEX.formatHex(tx.transaction().serialize());
        if (!verbose) {
            return new JsonPrimitive(hex);
        }
        JsonObject o = transactionJson(tx.transaction());
        o.addProperty("hex", hex);
        if (p.has(2)) {
            o.addProperty("in_active_chain", tx.confirmations() > 0);
        }
        tx.blockHash().ifPresent(block -> {
            o.addProperty("blockhash", block.toHex());
            o.addProperty("confirmations", Math.max(0, tx.confirmations()));
            o.addProperty("time", tx.blockTime());
            o.addProperty("blocktime", tx.blockTime());
        });
        return o;
    }

    private String missingTransactionHint() {
        TxIndexState index = service.txIndex();
        if (!index.enabled()) {
            return "Use -txindex to enable blockchain transaction queries.";
        }
        if (index.building() || index.indexedHeight() < index.chainHeight()) {
            return "Blockchain transactions are still in the process of being indexed.";
        }
        return "Use gettransaction for wallet transactions.";
    }

    private JsonElement chainTips() {
        JsonArray tips = new JsonArray();
        for (ChainTip t : service.tips()) {
            JsonObject o = new JsonObject();
            o.addProperty("height", t.height());
            o.addProperty("hash", t.hash().toHex());
            o.addProperty("branchlen", t.branchLength());
            o.addProperty("status", t.status());
            tips.add(o);
        }
        return tips;
    }

    private JsonElement rawMempool(RpcParams p) throws RpcException {
        boolean verbose = p.optionalBoolean(0, "verbose", false);
        List<MempoolSummary.Entry> entries = service.mempoolEntries();
        if (!verbose) {
            JsonArray a = new JsonArray();
            entries.forEach(e -> a.add(e.txid().toHex()));
            return a;
        }
        JsonObject o = new JsonObject();
        for (MempoolSummary.Entry e : entries) {
            JsonObject x = new JsonObject();
            x.addProperty("vsize", e.sizeBytes());
            x.addProperty("size", e.sizeBytes());
            x.addProperty("time", e.time());
            JsonObject fees = new JsonObject();
            fees.add("base", RpcJson.amount((e.fee())));
            x.add("fees", fees);
            JsonArray depends = new JsonArray();
            e.depends().forEach(d -> depends.add(d.toHex()));
            x.add("depends", depends);
            o.add(e.txid().toHex(), x);
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
