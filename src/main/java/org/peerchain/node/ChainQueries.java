package org.peerchain.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockStatus;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.Coin;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalReader;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.mempool.Mempool;
import org.peerchain.mempool.MempoolEntry;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockHeaderInfo;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.CoinScan;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.SearchResult;
import org.peerchain.node.api.TxDetail;
import org.peerchain.node.api.TxIndexState;

/**
 * The chain service: reads of the chain, its index and the mempool, for the explorer and the chain RPC methods.
 * Everything is read from storage when asked, a page or a block at a time; nothing of the chain is cached here.
 */
final class ChainQueries implements ChainService {
    /** The most block summaries one call returns: a page, never the chain. */
    static final int MAX_PAGE = 1_000;
    /** Addresses are 25 bytes in Base58: 33 or 34 characters; a few either side are read as mistyped addresses. */
    static final int MIN_ADDRESS_LENGTH = 30;
    static final int MAX_ADDRESS_LENGTH = 38;
    /** Hex this long or longer reads as an attempt at a hash, so a wrong length is worth saying. */
    static final int MIN_HASH_ATTEMPT = 16;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern BASE58 = Pattern.compile("[1-9A-HJ-NP-Za-km-z]+");
    private static final AtomicInteger SCAN_THREADS = new AtomicInteger();

    private final Node node;
    private final ChainState chain;
    private final ChainParams params;

    ChainQueries(Node node) {
        this.node = node;
        this.chain = node.chain();
        this.params = node.params();
    }

    private Mempool mempoolPart() {
        return node.mempool();
    }

    // ------------------------------------------------------------------ blocks

    @Override
    public int height() {
        return chain.height();
    }

    @Override
    public BlockSummary tip() {
        return summary(chain.tip());
    }

    @Override
    public Optional<Hash> blockHash(int height) {
        return Optional.ofNullable(chain.entryAt(height)).map(BlockIndexEntry::hash);
    }

    @Override
    public List<BlockSummary> blocks(int fromHeight, int count) {
        int n = Math.min(Math.max(count, 0), MAX_PAGE);
        List<BlockSummary> out = new ArrayList<>(Math.min(n, 64));
        if (fromHeight > chain.height()) {
            return out;
        }
        for (int h = fromHeight; h >= 0 && out.size() < n; h--) {
            BlockIndexEntry e = chain.entryAt(h);
            if (e != null) {
                out.add(summary(e));
            }
        }
        return out;
    }

    private BlockSummary summary(BlockIndexEntry e) {
        byte[] bytes = chain.blockBytes(e.hash());
        return new BlockSummary(e.height(), e.hash(), e.header().time(), transactionCount(bytes),
                bytes == null ? 0 : bytes.length, CompactTarget.difficulty(e.header().bits()));
    }

    /** The count that follows the header in a stored block, read without decoding the transactions. */
    private static int transactionCount(byte[] blockBytes) {
        if (blockBytes == null) {
            return 0;
        }
        CanonicalReader r = new CanonicalReader(blockBytes);
        r.raw(BlockHeader.SIZE, "block header");
        return (int) r.compactSize("block transaction count", Integer.MAX_VALUE);
    }

    @Override
    public Optional<BlockHeaderInfo> header(Hash hash) {
        BlockIndexEntry e = chain.entry(hash);
        return e == null ? Optional.empty() : Optional.of(chain.read(() -> headerInfo(e, chain.blockBytes(e.hash()))));
    }

    /** Under the chain's lock, so that confirmations and the next block agree with each other. */
    private BlockHeaderInfo headerInfo(BlockIndexEntry e, byte[] bytes) {
        BlockHeader h = e.header();
        boolean active = chain.isActive(e);
        BlockIndexEntry next = active ? chain.entryAt(e.height() + 1) : null;
        return new BlockHeaderInfo(e.height(), e.hash(), h.version(), h.merkleRoot(), h.time(),
                chain.medianTimePast(e), h.bits(), CompactTarget.decode(h.bits()), CompactTarget.difficulty(h.bits()),
                h.nonce(), e.chainWork(), active ? chain.height() - e.height() + 1 : -1,
                bytes == null ? 0 : bytes.length, transactionCount(bytes),
                Optional.ofNullable(e.parent()).map(BlockIndexEntry::hash),
                Optional.ofNullable(next).map(BlockIndexEntry::hash));
    }

    @Override
    public Optional<BlockDetail> block(Hash hash) {
        BlockIndexEntry e = chain.entry(hash);
        return e == null ? Optional.empty() : chain.read(() -> detail(e));
    }

    @Override
    public Optional<BlockDetail> blockAt(int height) {
        return chain.read(() -> {
            BlockIndexEntry e = chain.entryAt(height);
            return e == null ? Optional.empty() : detail(e);
        });
    }

    @Override
    public Optional<Block> rawBlock(Hash hash) {
        return Optional.ofNullable(chain.block(hash));
    }

    /** Under the chain's lock: spent or unspent is told from the UTXO set as it is at the same moment. */
    private Optional<BlockDetail> detail(BlockIndexEntry e) {
        byte[] bytes = chain.blockBytes(e.hash());
        if (bytes == null) {
            return Optional.empty();
        }
        Block block = Block.deserialize(bytes);
        BlockHeaderInfo header = headerInfo(e, bytes);
        Map<OutPoint, Coin> spent = chain.spentOutputs(e.hash());
        List<TxDetail> txs = new ArrayList<>(block.transactions().size());
        long fees = 0;
        for (Transaction tx : block.transactions()) {
            TxDetail d = confirmedDetail(tx, header, spent);
            txs.add(d);
            fees = fees < 0 || d.fee() < 0 ? -1 : fees + d.fee();
        }
        Transaction coinbase = block.transactions().get(0);
        String miner = coinbase.outputs().isEmpty() ? "" : address(coinbase.outputs().get(0).keyHash());
        return Optional.of(new BlockDetail(header, params.subsidy(e.height()), fees, coinbase.totalOutput(), miner,
                txs));
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public Optional<TxDetail> transaction(Hash txid) {
        Optional<TxDetail> pooled = chain.read(() -> {
            MempoolEntry entry = mempoolPart().get(txid);
            return entry == null ? Optional.<TxDetail>empty() : Optional.of(mempoolDetail(entry));
        });
        if (pooled.isPresent()) {
            return pooled;
        }
        return chain.txLocation(txid).flatMap(at -> transaction(txid, at.blockHash()));
    }

    @Override
    public Optional<TxDetail> transaction(Hash txid, Hash blockHash) {
        BlockIndexEntry e = chain.entry(blockHash);
        if (e == null) {
            return Optional.empty();
        }
        return chain.read(() -> {
            byte[] bytes = chain.blockBytes(blockHash);
            if (bytes == null) {
                return Optional.empty();
            }
            for (Transaction tx : Block.deserialize(bytes).transactions()) {
                if (tx.txid().equals(txid)) {
                    return Optional.of(confirmedDetail(tx, headerInfo(e, bytes), chain.spentOutputs(blockHash)));
                }
            }
            return Optional.empty();
        });
    }

    /** A transaction of a stored block; {@code spent} is the block's undo data (empty off the active chain). */
    private TxDetail confirmedDetail(Transaction tx, BlockHeaderInfo block, Map<OutPoint, Coin> spent) {
        List<TxDetail.Input> inputs = new ArrayList<>(tx.inputs().size());
        long in = 0;
        boolean allKnown = true;
        for (TxInput input : tx.inputs()) {
            if (tx.isCoinbase()) {
                inputs.add(new TxDetail.Input(Optional.empty(), -1, -1, "", -1));
                continue;
            }
            Coin c = spent.get(input.prevout());
            inputs.add(spentInput(input.prevout(), c == null ? null : c.output(), c == null ? -1 : c.height()));
            if (c == null) {
                allKnown = false;
            } else {
                in += c.output().amount();
            }
        }
        // Genesis's outputs never enter the UTXO set: whether they are spent is not a question.
        boolean canTell = block.active() && block.height() > 0;
        List<TxDetail.Output> outputs = new ArrayList<>(tx.outputs().size());
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOutput o = tx.outputs().get(i);
            Optional<Boolean> isSpent = canTell ? Optional.of(chain.coin(new OutPoint(tx.txid(), i)) == null)
                    : Optional.empty();
            outputs.add(new TxDetail.Output(i, o.amount(), address(o.keyHash()), isSpent));
        }
        long fee = tx.isCoinbase() ? 0 : allKnown ? in - tx.totalOutput() : -1;
        return new TxDetail(tx.txid(), tx.isCoinbase(), tx.size(), fee, fee < 0 ? -1 : (double) fee / tx.size(),
                Optional.of(block.hash()), block.height(), block.time(), block.confirmations(), false, block.time(),
                inputs, outputs, tx);
    }

    /** Under the chain's lock, which the mempool moves in step with. */
    private TxDetail mempoolDetail(MempoolEntry entry) {
        Transaction tx = entry.tx();
        Mempool pool = mempoolPart();
        List<TxDetail.Input> inputs = new ArrayList<>(tx.inputs().size());
        for (TxInput input : tx.inputs()) {
            OutPoint p = input.prevout();
            Coin c = chain.coin(p);
            if (c != null) {
                inputs.add(spentInput(p, c.output(), c.height()));
            } else {
                MempoolEntry parent = pool.get(p.txid());
                TxOutput o = parent != null && p.index() < parent.tx().outputs().size()
                        ? parent.tx().outputs().get((int) p.index()) : null;
                inputs.add(spentInput(p, o, -1));
            }
        }
        List<TxDetail.Output> outputs = new ArrayList<>(tx.outputs().size());
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOutput o = tx.outputs().get(i);
            boolean spentInPool = pool.spender(new OutPoint(tx.txid(), i)) != null;
            outputs.add(new TxDetail.Output(i, o.amount(), address(o.keyHash()), Optional.of(spentInPool)));
        }
        return new TxDetail(tx.txid(), false, entry.size(), entry.fee(), entry.feeRate(), Optional.empty(), -1, 0, 0,
                true, entry.time(), inputs, outputs, tx);
    }

    private TxDetail.Input spentInput(OutPoint p, TxOutput spent, int height) {
        return new TxDetail.Input(Optional.of(p.txid()), (int) p.index(), spent == null ? -1 : spent.amount(),
                spent == null ? "" : address(spent.keyHash()), height);
    }

    private String address(KeyHash k) {
        return new Address(params.addressPrefix(), k).encode();
    }

    // ------------------------------------------------------------------ search

    @Override
    public SearchResult search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return new SearchResult.NoMatch("Type a block height, block hash, transaction id or address");
        }
        if (DIGITS.matcher(q).matches() && q.length() < 10) {
            return searchHeight(Integer.parseInt(q));
        }
        if (HEX.matcher(q).matches() && q.length() == 2 * Hash.LENGTH) {
            return searchHash(Hash.fromHex(q.toLowerCase(Locale.ROOT)));
        }
        if (BASE58.matcher(q).matches() && q.length() >= MIN_ADDRESS_LENGTH && q.length() <= MAX_ADDRESS_LENGTH) {
            try {
                return new SearchResult.AddressMatch(Address.parse(q, params.addressPrefix()).encode());
            } catch (IllegalArgumentException e) {
                if (!HEX.matcher(q).matches()) {
                    return new SearchResult.NoMatch("'" + q + "' is not an address of this network: " + e.getMessage());
                }
            }
        }
        if (DIGITS.matcher(q).matches()) {
            return new SearchResult.NoMatch("No block at height " + q + ": the chain is " + count(chain.height())
                    + " blocks high");
        }
        if (HEX.matcher(q).matches() && q.length() >= MIN_HASH_ATTEMPT) {
            return new SearchResult.NoMatch("'" + q + "' has " + q.length()
                    + " hex digits: a block hash or transaction id has 64");
        }
        return new SearchResult.NoMatch("No block, transaction or address matches '" + q + "'");
    }

    private SearchResult searchHeight(int height) {
        Optional<Hash> hash = blockHash(height);
        if (hash.isEmpty()) {
            return new SearchResult.NoMatch("No block at height " + count(height) + ": the chain is "
                    + count(chain.height()) + " blocks high");
        }
        return new SearchResult.BlockMatch(hash.get(), height);
    }

    /** The block index first, then the mempool, then the transaction index. */
    private SearchResult searchHash(Hash hash) {
        BlockIndexEntry e = chain.entry(hash);
        if (e != null) {
            if (e.status() == BlockStatus.HEADER_ONLY || chain.blockBytes(hash) == null) {
                return new SearchResult.NoMatch("Block " + hash.toHex() + " at height " + count(e.height())
                        + " is known only by its header: its transactions have not been downloaded yet");
            }
            return new SearchResult.BlockMatch(hash, e.height());
        }
        if (mempoolPart().contains(hash) || chain.txLocation(hash).isPresent()) {
            return new SearchResult.TransactionMatch(hash);
        }
        TxIndexState index = txIndex();
        String none = "No block or transaction has the hash " + hash.toHex();
        if (!index.enabled()) {
            return new SearchResult.NoMatch(none + " among blocks and the mempool; the transaction index is off,"
                    + " so confirmed transactions cannot be looked up by id (open their block instead)");
        }
        if (index.building() || index.indexedHeight() < index.chainHeight()) {
            return new SearchResult.NoMatch(none + " yet: the transaction index is still being built (height "
                    + count(Math.max(0, index.indexedHeight())) + " of " + count(index.chainHeight()) + ")");
        }
        return new SearchResult.NoMatch(none);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ------------------------------------------------------------------ tips, mempool, index

    @Override
    public List<ChainTip> tips() {
        return chain.read(() -> {
            List<ChainTip> tips = new ArrayList<>();
            for (BlockIndexEntry t : chain.tips()) {
                BlockIndexEntry fork = chain.forkPoint(t);
                tips.add(new ChainTip(t.height(), t.hash(), t.height() - fork.height(), tipStatus(t)));
            }
            return tips;
        });
    }

    /** As getchaintips: active, valid-fork, headers-only (some block of the branch is missing) or invalid. */
    private String tipStatus(BlockIndexEntry t) {
        if (chain.isActive(t)) {
            return ChainTip.ACTIVE;
        }
        boolean headersOnly = false;
        for (BlockIndexEntry e = t; !chain.isActive(e); e = e.parent()) {
            if (e.status() == BlockStatus.FAILED) {
                return ChainTip.INVALID;
            }
            if (e.status() == BlockStatus.HEADER_ONLY) {
                headersOnly = true;
            }
        }
        return headersOnly ? ChainTip.HEADERS_ONLY : ChainTip.VALID_FORK;
    }

    @Override
    public MempoolSummary mempool() {
        return chain.read(this::mempoolSummary);
    }

    private MempoolSummary mempoolSummary() {
        List<MempoolEntry> all = mempoolPart().entries();
        List<Long> floors = MempoolSummary.BAND_FLOORS;
        int[] bands = new int[floors.size()];
        long bytes = 0;
        long fees = 0;
        for (MempoolEntry e : all) {
            bytes += e.size();
            fees += e.fee();
            int band = 0;
            while (band + 1 < floors.size() && e.feeRate() >= floors.get(band + 1)) {
                band++;
            }
            bands[band]++;
        }
        List<MempoolEntry> byRate = new ArrayList<>(all);
        byRate.sort(Comparator.comparingDouble(MempoolEntry::feeRate).reversed()
                .thenComparing(e -> e.tx().txid()));
        List<MempoolSummary.Entry> top = entries(byRate.subList(0, Math.min(byRate.size(), MempoolSummary.MAX_ENTRIES)));
        List<Integer> histogram = new ArrayList<>(bands.length);
        for (int b : bands) {
            histogram.add(b);
        }
        return new MempoolSummary(all.size(), bytes, fees, floors, histogram, top);
    }

    @Override
    public List<MempoolSummary.Entry> mempoolEntries() {
        return chain.read(() -> entries(mempoolPart().entries()));
    }

    private List<MempoolSummary.Entry> entries(List<MempoolEntry> pooled) {
        Mempool pool = mempoolPart();
        List<MempoolSummary.Entry> out = new ArrayList<>(pooled.size());
        for (MempoolEntry e : pooled) {
            List<Hash> depends = new ArrayList<>();
            for (TxInput in : e.tx().inputs()) {
                Hash parent = in.prevout().txid();
                if (pool.contains(parent) && !depends.contains(parent)) {
                    depends.add(parent);
                }
            }
            out.add(new MempoolSummary.Entry(e.tx().txid(), e.size(), e.fee(), e.feeRate(), e.time(), depends));
        }
        return out;
    }

    @Override
    public TxIndexState txIndex() {
        ChainState.TxIndexProgress p = chain.txIndexProgress();
        return new TxIndexState(p.enabled(), p.indexedHeight(), chain.height(), p.building());
    }

    // ------------------------------------------------------------------ coin scan

    @Override
    public CoinScan scanCoins(List<String> addresses) {
        Set<KeyHash> keyHashes = new HashSet<>();
        for (String a : addresses) {
            try {
                keyHashes.add(Address.parse(a, params.addressPrefix()).keyHash());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + a + "' is not an address of this network: " + e.getMessage(),
                        e);
            }
        }
        CoinScanTask task = new CoinScanTask(chain, keyHashes, this::address);
        Thread t = new Thread(task, "coin-scan-" + SCAN_THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return task;
    }
}
