package org.peerchain.chain;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.peerchain.consensus.Coin;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.TxOutput;

/**
 * The UTXO set as it was when {@link ChainDatabase#utxoSnapshot} was called, read for the coins paying some key
 * hashes: the {@code utxo} table through a read transaction of its own connection (so blocks keep connecting and
 * folds keep rewriting the table meanwhile), corrected by the overlay's changes taken at the same moment.
 * Scanned once, then closed.
 */
final class UtxoSnapshot implements AutoCloseable {
    /** Rows between two looks at the cancel flag and two progress reports. */
    static final int ROWS_PER_STEP = 4_096;

    private final Path file;
    private final Connection reader;
    private final Set<KeyHash> keyHashes;
    private final Map<OutPoint, Coin> addedPaying;
    private final Set<OutPoint> spentFromTable;

    UtxoSnapshot(Path file, Connection reader, Set<KeyHash> keyHashes, Map<OutPoint, Coin> addedPaying,
            Set<OutPoint> spentFromTable) {
        this.file = file;
        this.reader = reader;
        this.keyHashes = keyHashes;
        this.addedPaying = addedPaying;
        this.spentFromTable = spentFromTable;
    }

    /**
     * Every unspent output paying one of the key hashes. Progress is the position in the table's txid order,
     * which is uniform since txids are hashes (Bitcoin Core's scantxoutset reports it the same way).
     *
     * @throws CancellationException as soon as {@code cancelled} says so (checked every {@link #ROWS_PER_STEP} rows)
     */
    List<ChainState.CoinAt> scan(DoubleConsumer progress, BooleanSupplier cancelled) {
        List<ChainState.CoinAt> found = new ArrayList<>();
        progress.accept(0);
        try (Statement s = reader.createStatement();
                ResultSet r = s.executeQuery("SELECT txid, vout, amount, keyhash, height, coinbase FROM utxo"
                        + " ORDER BY txid, vout")) {
            long rows = 0;
            while (r.next()) {
                if (++rows % ROWS_PER_STEP == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("the UTXO scan was cancelled");
                    }
                    progress.accept(position(r.getBytes(1)));
                }
                KeyHash k = KeyHash.wrap(r.getBytes(4));
                if (!keyHashes.contains(k)) {
                    continue;
                }
                OutPoint p = new OutPoint(Hash.wrap(r.getBytes(1)), r.getLong(2));
                if (!spentFromTable.contains(p)) {
                    found.add(new ChainState.CoinAt(p, new Coin(new TxOutput(r.getLong(3), k), r.getInt(5),
                            r.getInt(6) != 0)));
                }
            }
        } catch (SQLException e) {
            throw new ChainStoreException("The chain database " + file + " failed while scanning the UTXO set: "
                    + e.getMessage(), e);
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the UTXO scan was cancelled");
        }
        addedPaying.forEach((p, c) -> found.add(new ChainState.CoinAt(p, c)));
        progress.accept(1);
        return found;
    }

    /** Where a txid lies in the key space, 0 to 1, from its first four bytes. */
    private static double position(byte[] txid) {
        long top = ((txid[0] & 0xffL) << 24) | ((txid[1] & 0xffL) << 16) | ((txid[2] & 0xffL) << 8) | (txid[3] & 0xffL);
        return top / (double) (1L << 32);
    }

    @Override
    public void close() {
        try {
            reader.rollback();
            reader.close();
        } catch (SQLException e) {
            // a read transaction has nothing to lose
        }
    }
}
