package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.DecodingException;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.MiningError;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;

/**
 * The mining methods, with bitcoind's names, parameters and results: {@code getmininginfo} (plus the
 * miner's own figures), {@code setgenerate} (bitcoind's old semantics) (both thin adapters over {@link MiningControl},
 * the service the desktop's Mining screen uses), {@code generatetoaddress} (a plain
 * nonce loop, for regtest and test), {@code getnetworkhashps} and {@code submitblock}.
 */
final class MiningRpc {
    /** bitcoind's default for {@code generatetoaddress}'s maxtries. */
    static final long DEFAULT_MAX_TRIES = 1_000_000;
    /** bitcoind's default for {@code getnetworkhashps}: the last 120 blocks. */
    static final int DEFAULT_HASHPS_BLOCKS = 120;
    /** A mining error this recent shows in {@code getmininginfo}'s warnings. */
    static final Duration WARNING_AGE = Duration.ofMinutes(1);
    /** Extra nonces of {@code generatetoaddress} start here, far from the miner's, so no coinbase repeats. */
    private static final long GENERATE_EXTRA_NONCE_BASE = 1L << 62;
    private static final HexFormat HEX = HexFormat.of();

    private final Node node;
    private final ChainState chain;
    private final AtomicLong generateExtraNonce = new AtomicLong(GENERATE_EXTRA_NONCE_BASE);

    MiningRpc(Node node) {
        this.node = node;
        this.chain = node.chain();
    }

    void register(RpcMethods m) {
        m.register("getmininginfo", List.of(), p -> miningInfo());
        m.register("setgenerate", List.of("generate", "genproclimit"), this::setGenerate);
        m.register("generatetoaddress", List.of("nblocks", "address", "maxtries"), this::generateToAddress);
        m.register("getnetworkhashps", List.of("nblocks", "height"), this::networkHashPs);
        m.register("submitblock", List.of("hexdata", "dummy"), this::submitBlock);
    }

    /** The mining service the desktop uses too, so that this and the Mining screen cannot disagree. */
    private MiningControl control() throws RpcException {
        NodeServices services = node.services();
        if (services == null || node.mining() == null) {
            throw new RpcException(RpcErrors.IN_WARMUP, "Mining is not ready yet");
        }
        return services.mining();
    }

    private JsonElement miningInfo() throws RpcException {
        MiningSnapshot s = control().snapshot();
        JsonObject o = new JsonObject();
        BlockIndexEntry tip = chain.tip();
        o.addProperty("blocks", tip.height());
        o.addProperty("difficulty", CompactTarget.difficulty(tip.header().bits()));
        o.addProperty("networkhashps", networkHashPs(DEFAULT_HASHPS_BLOCKS, -1));
        o.addProperty("pooledtx", node.mempool().size());
        o.addProperty("chain", node.params().name());
        o.addProperty("generate", s.running());
        o.addProperty("genproclimit", s.threads());
        o.addProperty("threads", s.threads());
        o.addProperty("hashespersec", s.hashesPerSecond());
        o.addProperty("hashes_done", s.hashesDone());
        o.addProperty("hasher", s.hasherPath());
        o.addProperty("blocks_found", s.blocksFound());
        o.addProperty("stale_blocks", s.staleBlocks());
        if (s.lastBlockTime() > 0) {
            o.addProperty("last_block_time", s.lastBlockTime());
        }
        o.add("expected_seconds_to_block", Double.isFinite(s.expectedSecondsToBlock())
                ? new JsonPrimitive(s.expectedSecondsToBlock()) : JsonNull.INSTANCE);
        o.addProperty("daily_chance", s.dailyBlockChance());
        o.addProperty("payout_address", s.payoutAddress().isEmpty() ? null : s.payoutAddress());
        MiningError error = node.mining().lastError();
        if (error != null) {
            JsonObject e = new JsonObject();
            e.addProperty("reason", error.reason());
            e.addProperty("message", error.message());
            e.addProperty("time", error.time().getEpochSecond());
            o.add("last_error", e);
        }
        boolean recent = error != null && error.time().isAfter(Instant.now().minus(WARNING_AGE));
        o.addProperty("warnings", recent ? "mining: " + error : "");
        return o;
    }

    private JsonElement setGenerate(RpcParams p) throws RpcException {
        MiningControl mining = control();
        boolean generate = p.requireBoolean(0, "generate");
        if (p.has(1)) {
            int limit = p.requireInt(1, "genproclimit");
            int cores = mining.maxThreads();
            if (limit == 0) {
                generate = false;
            } else {
                int threads = limit == MiningConfig.ALL_CORES ? cores : limit;
                if (threads < 1 || threads > cores) {
                    throw new RpcException(RpcErrors.INVALID_PARAMETER, "genproclimit must be -1 (every core), 0 (stop)"
                            + " or 1 to " + cores + " (the number of cores), got " + limit);
                }
                mining.setThreads(threads);
            }
        }
        if (generate) {
            mining.start();
        } else {
            mining.stop();
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement generateToAddress(RpcParams p) throws RpcException {
        int nblocks = p.requireInt(0, "nblocks");
        String text = p.requireString(1, "address");
        long maxTries = p.optionalLong(2, "maxtries", DEFAULT_MAX_TRIES);
        if (node.params() == ChainParams.MAIN) {
            throw new RpcException(RpcErrors.MISC_ERROR, "generatetoaddress mines with one plain loop and is for"
                    + " regtest and test; on main use setgenerate true (or start the node with --mine)");
        }
        if (nblocks < 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "nblocks must be 0 or more, got " + nblocks);
        }
        if (maxTries < 1) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "maxtries must be at least 1, got " + maxTries);
        }
        KeyHash payTo;
        try {
            payTo = Address.parse(text, node.params().addressPrefix()).keyHash();
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Error: Invalid address: " + e.getMessage());
        }
        JsonArray hashes = new JsonArray();
        long triesLeft = maxTries;
        while (hashes.size() < nblocks && triesLeft > 0) {
            Block template = node.assembler().assemble(payTo, generateExtraNonce.incrementAndGet()).block();
            BlockHeader header = template.header();
            OptionalLong nonce = ProofOfWork.findNonce(header, triesLeft);
            if (nonce.isEmpty()) {
                break;
            }
            triesLeft -= nonce.getAsLong() + 1;
            Block solved = template.withHeader(header.withNonce(nonce.getAsLong()));
            BlockOutcome outcome;
            try {
                outcome = node.submitBlock(solved);
            } catch (ValidationException e) {
                throw new RpcException(RpcErrors.MISC_ERROR, "The generated block was rejected: " + e.getMessage());
            }
            // Anything but ACTIVE: another block (this node's miner, a peer) took the tip first; go again on it.
            if (outcome == BlockOutcome.ACTIVE) {
                hashes.add(solved.hash().toHex());
            }
        }
        return hashes;
    }

    private JsonElement networkHashPs(RpcParams p) throws RpcException {
        int blocks = p.optionalInt(0, "nblocks", DEFAULT_HASHPS_BLOCKS);
        int height = p.optionalInt(1, "height", -1);
        if (height < -1 || height > chain.height()) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "height must be -1 (the tip) or 0 to "
                    + chain.height() + ", got " + height);
        }
        return new JsonPrimitive(networkHashPs(blocks, height));
    }

    /**
     * bitcoind's estimate: the work of the last {@code blocks} blocks up to {@code height} (-1: the tip)
     * over the time they spanned; {@code blocks} 0 or less counts since the last retarget.
     */
    private double networkHashPs(int blocks, int height) {
        return chain.read(() -> {
            BlockIndexEntry end = height < 0 ? chain.tip() : chain.entryAt(height);
            int lookup = blocks > 0 ? blocks : end.height() % node.params().retargetInterval() + 1;
            lookup = Math.min(lookup, end.height());
            if (lookup <= 0) {
                return 0.0;
            }
            BlockIndexEntry start = end.ancestor(end.height() - lookup);
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            for (BlockIndexEntry e = end; e != start.parent() && e != null; e = e.parent()) {
                minTime = Math.min(minTime, e.header().time());
                maxTime = Math.max(maxTime, e.header().time());
            }
            if (maxTime <= minTime) {
                return 0.0;
            }
            BigInteger work = end.chainWork().subtract(start.chainWork());
            return work.doubleValue() / (maxTime - minTime);
        });
    }

    private JsonElement submitBlock(RpcParams p) throws RpcException {
        String hex = p.requireString(0, "hexdata");
        Block block;
        try {
            block = Block.deserialize(HEX.parseHex(hex));
        } catch (IllegalArgumentException | DecodingException e) {
            throw new RpcException(RpcErrors.DESERIALIZATION_ERROR, "Block decode failed: " + e.getMessage());
        }
        try {
            return switch (node.submitBlock(block)) {
                case ACTIVE -> JsonNull.INSTANCE;
                case ALREADY_KNOWN -> new JsonPrimitive("duplicate");
                case SIDE_BRANCH, ORPHAN -> new JsonPrimitive("inconclusive");
            };
        } catch (ValidationException e) {
            return new JsonPrimitive(e.reason());
        }
    }
}
