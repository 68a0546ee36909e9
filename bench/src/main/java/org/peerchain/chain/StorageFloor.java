package org.peerchain.chain;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.peerchain.consensus.Coin;
import org.peerchain.core.Block;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;

/**
 * The storage floor of connecting a block, for {@code bench connect}: the chain database's own writes for it
 * (header row, block, one spend per input and one new coin per output in the UTXO log, undo data, status,
 * the tip record, the reorganisation savepoint) and the commit, through {@link ChainDatabase} itself (same schema, settings
 * and checkpoint thread), with no validation, no index, no events. What it costs per block is CPU the
 * connecting thread spends whatever the rest of the code does, so it bounds how much of the machine is left
 * for checking signatures while blocks connect one transaction each. (In the bench source root, in this
 * package for {@link ChainDatabase}'s package-private API.)
 */
public final class StorageFloor {
    private StorageFloor() {
    }

    /** CPU milliseconds per block of the thread that stores {@code blocks} (after {@code warmUp} untimed ones). */
    public static double cpuMillisPerBlock(Path dir, List<Block> blocks, int warmUp) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpuStart = 0;
        try (ChainDatabase db = ChainDatabase.open(dir)) {
            BlockIndexEntry parent = null;
            for (int i = 0; i < blocks.size(); i++) {
                if (i == warmUp) {
                    cpuStart = mx.getCurrentThreadCpuTime();
                }
                parent = store(db, parent, i, blocks.get(i));
            }
        }
        return (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6 / (blocks.size() - warmUp);
    }

    private static BlockIndexEntry store(ChainDatabase db, BlockIndexEntry parent, int height, Block b) {
        BlockIndexEntry e = new BlockIndexEntry(b.header(), height, BigInteger.ONE, parent, BlockStatus.HEADER_ONLY, height);
        db.putHeader(e);
        db.savepoint();
        db.putBlock(e, b.serialize());
        CanonicalWriter spent = new CanonicalWriter();
        int spentCount = 0;
        for (Transaction tx : b.transactions()) {
            if (!tx.isCoinbase()) {
                for (TxInput in : tx.inputs()) {
                    Coin c = db.spendCoin(in.prevout());
                    if (c != null) {
                        ChainState.writeUndoCoin(spent, in.prevout(), c);
                        spentCount++;
                    }
                }
            }
            for (int o = 0; o < tx.outputs().size(); o++) {
                db.addCoin(new OutPoint(tx.txid(), o), new Coin(tx.outputs().get(o), height, tx.isCoinbase()));
            }
        }
        db.putUndo(e, new CanonicalWriter().compactSize(spentCount).raw(spent.toByteArray()).toByteArray());
        db.setStatus(e.hash(), BlockStatus.HAVE_DATA);
        db.putMeta("state", e.hash().toBytes());
        db.releaseSavepoint();
        db.commit();
        return e;
    }
}
