package org.peerchain.consensus;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalReader;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/** Block and header rules, each a small named check that rejects with a stable reason code. */
public final class BlockRules {
    private BlockRules() {
    }

    /** Proof of work and a target within the network's limit: the checks a bare header can pass alone. */
    public static void checkHeader(BlockHeader header, ChainParams params) throws ValidationException {
        if (header.version() < ChainParams.BLOCK_VERSION) {
            throw new ValidationException("bad-version", "block version " + header.version() + " is below 1");
        }
        BigInteger target = CompactTarget.decodeOrInvalid(header.bits());
        if (target.signum() <= 0 || target.compareTo(params.powLimit()) > 0) {
            throw new ValidationException("bad-diffbits",
                    String.format("bits %08x are not a valid target for this network", header.bits()));
        }
        if (!CompactTarget.meets(header.hash(), target)) {
            throw new ValidationException("high-hash", "the block hash is above its target: proof of work is missing");
        }
    }

    /** Everything about a block that can be checked without knowing the chain it extends. */
    public static void checkBlock(Block block, ChainParams params) throws ValidationException {
        checkHeader(block.header(), params);
        List<Transaction> txs = block.transactions();
        if (txs.isEmpty() || block.size() > ChainParams.MAX_BLOCK_SIZE) {
            throw new ValidationException("bad-blk-length", txs.isEmpty() ? "the block has no transactions"
                    : block.size() + " bytes is over the limit of " + ChainParams.MAX_BLOCK_SIZE);
        }
        if (!txs.get(0).isCoinbase()) {
            throw new ValidationException("bad-cb-missing", "the first transaction is not a coinbase");
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                throw new ValidationException("bad-cb-multiple", "transaction " + i + " is a second coinbase");
            }
        }
        Set<Hash> seen = new HashSet<>();
        for (Transaction tx : txs) {
            if (!seen.add(tx.txid())) {
                throw new ValidationException("bad-txns-duplicate", "transaction " + tx.txid() + " appears twice");
            }
        }
        if (!block.computeMerkleRoot().equals(block.header().merkleRoot())) {
            throw new ValidationException("bad-merkle-root", "the merkle root does not match the transactions");
        }
        for (Transaction tx : txs) {
            TxRules.checkTransaction(tx);
        }
    }

    /** Rules that relate a header to the branch it extends: its target and its time. */
    public static void checkHeaderContext(BlockHeader header, HeaderAncestry parentChain, ChainParams params,
            long nowSeconds) throws ValidationException {
        long expectedBits = Difficulty.nextBits(parentChain, params);
        if (header.bits() != expectedBits) {
            throw new ValidationException("bad-diffbits",
                    String.format("bits %08x where the retarget rule gives %08x", header.bits(), expectedBits));
        }
        long mtp = Difficulty.medianTimePast(parentChain);
        if (header.time() <= mtp) {
            throw new ValidationException("time-too-old",
                    "time " + header.time() + " is not after the median time past " + mtp);
        }
        if (header.time() > nowSeconds + ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS) {
            throw new ValidationException("time-too-new", "time " + header.time() + " is more than "
                    + ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS + " s after the node's clock " + nowSeconds);
        }
        int height = parentChain.height() + 1;
        if (!params.noRetargeting() && height % params.retargetInterval() == 0
                && header.time() < parentChain.timeAt(parentChain.height()) - ChainParams.MAX_TIMEWARP_SECONDS) {
            throw new ValidationException("time-timewarp-attack", "the first block of a retarget window is more than "
                    + ChainParams.MAX_TIMEWARP_SECONDS + " s before its parent");
        }
    }

    /** The coinbase must begin with the block's height, so that no two coinbases are ever the same. */
    public static void checkCoinbaseHeight(Block block, int height) throws ValidationException {
        byte[] data = block.transactions().get(0).inputs().get(0).coinbaseData();
        long found;
        try {
            found = new CanonicalReader(data).u32("coinbase height");
        } catch (DecodingException e) {
            throw new ValidationException("bad-cb-height", "the coinbase data is too short to hold a height");
        }
        if (found != height) {
            throw new ValidationException("bad-cb-height", "the coinbase says height " + found + ", the block is at " + height);
        }
    }

    /** The coinbase may claim at most the subsidy plus the fees of the block's transactions. */
    public static void checkCoinbaseAmount(Block block, long fees, int height, ChainParams params)
            throws ValidationException {
        long claimed = block.transactions().get(0).totalOutput();
        long allowed = params.subsidy(height) + fees;
        if (claimed > allowed) {
            throw new ValidationException("bad-cb-amount",
                    "the coinbase pays " + claimed + ", more than subsidy plus fees of " + allowed);
        }
    }
}
