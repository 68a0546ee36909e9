package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * A chain database in the first storage layout (blocks and undo data keyed by hash) opens in the current one
 * (keyed by the index entry's sequence): everything moved in the opening transaction, nothing lost. A layout 2
 * file opens with an empty UTXO log, a layout 3 file with an empty transaction index that is off, both marked the
 * current layout. A layout newer than this build is refused, the file untouched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChainSchemaMigrationTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("migration miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);

    @TempDir
    Path dir;

    @Test
    void aSchema1DatabaseIsMovedToTheSequenceKeyedTablesWithEveryBlockAndUndoRecord() throws Exception {
        Stored stored = storeChainWithASpend();
        Block block50 = stored.block50;
        rewriteAsSchema1(dir.resolve(ChainDatabase.FILE_NAME));

        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(stored.tip, node.chain.tip().hash());
            assertEquals(stored.digest, node.chain.utxoDigest());
            assertArrayEquals(block50.serialize(), node.chain.blockBytes(block50.hash()));
            // a reorganisation two blocks deep reads the moved undo data of the spend at the tip
            Block fork1 = RegtestBlocks.build(node.chain.entryAt(110).header(), 111, List.of(), MINER_HASH, 7);
            Block fork2 = RegtestBlocks.build(fork1.header(), 112, List.of(), MINER_HASH, 7);
            node.process(fork1);
            node.process(fork2);
            assertEquals(fork2.hash(), node.chain.tip().hash());
            assertEquals(112, node.chain.height());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ChainDatabase.FILE_NAME));
                Statement s = c.createStatement()) {
            assertFalse(tableExists(s, "blocks"), "the schema 1 tables are gone");
            assertFalse(tableExists(s, "undo"));
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                assertTrue(r.next());
                assertEquals(ChainDatabase.SCHEMA_VERSION, java.nio.ByteBuffer.wrap(r.getBytes(1)).getLong());
            }
        }
    }

    @Test
    void aLayout2DatabaseOpensWithAnEmptyUtxoLogAndIsMarkedTheCurrentLayout() throws Exception {
        Stored stored = storeChainWithASpend();
        Hash tip = stored.tip;
        Hash digest = stored.digest;
        Path file = dir.resolve(ChainDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // as layout 2 left it: every coin in the table (the digest above folded the log), no log table
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM utxo_log")) {
                assertTrue(r.next() && r.getInt(1) == 0);
            }
            s.execute("DROP TABLE utxo_log");
            s.execute("UPDATE meta SET value = X'0000000000000002' WHERE key = 'schema'");
        }
        org.peerchain.core.Transaction second;
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(tip, node.chain.tip().hash());
            assertEquals(digest, node.chain.utxoDigest());
            second = RegtestBlocks.spend(MINER, node.coinbaseAt(2), ChainParams.INITIAL_SUBSIDY, 5_000, MINER_HASH);
            node.mine(List.of(second), MINER_HASH);
            assertEquals(112, node.chain.height());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                assertTrue(r.next());
                assertEquals(ChainDatabase.SCHEMA_VERSION, java.nio.ByteBuffer.wrap(r.getBytes(1)).getLong(),
                        "older builds must now refuse it");
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM utxo_log")) {
                assertTrue(r.next() && r.getInt(1) == 1, "the new block's changes are logged");
            }
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(112, node.chain.height());
            assertEquals(null, node.chain.coin(node.coinbaseAt(2)), "spent in the logged block");
            assertEquals(ChainParams.INITIAL_SUBSIDY - 5_000,
                    node.chain.coin(new org.peerchain.core.OutPoint(second.txid(), 0)).output().amount());
        }
    }

    @Test
    void aLayout3DatabaseOpensWithTheTransactionIndexOffAndBuildsItWhenTurnedOn() throws Exception {
        Stored stored = storeChainWithASpend();
        Path file = dir.resolve(ChainDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TABLE tx_index");
            s.execute("UPDATE meta SET value = X'0000000000000003' WHERE key = 'schema'");
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(stored.tip, node.chain.tip().hash());
            assertEquals(stored.digest, node.chain.utxoDigest());
            assertEquals(new ChainState.TxIndexProgress(false, -1, false), node.chain.txIndexProgress());
            node.mine(List.of(), MINER_HASH);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertTrue(tableExists(s, "tx_index"));
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                assertTrue(r.next());
                assertEquals(4, java.nio.ByteBuffer.wrap(r.getBytes(1)).getLong(), "layout 3 builds would not maintain it");
            }
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.chain.enableTxIndex();
            org.peerchain.testing.Await.until(java.time.Duration.ofSeconds(30), "the index built",
                    () -> node.chain.txIndexProgress().indexedHeight() == 112 && !node.chain.txIndexProgress().building());
            TxIndexTest.assertEveryActiveTransactionIndexed(node.chain);
        }
    }

    @Test
    void aLayoutNewerThanThisBuildIsRefusedNamingItAndTheFileIsLeftAsItWas() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(3, MINER_HASH, 0));
        }
        Path file = dir.resolve(ChainDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            // a future layout without this build's tables: opening must not create them
            s.execute("DROP TABLE block_data");
            s.execute("UPDATE meta SET value = X'00000000000003e7' WHERE key = 'schema'");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] before = Files.readAllBytes(file);
        ChainStoreException e = assertThrows(ChainStoreException.class, () -> RegtestChain.open(dir).close());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("storage layout 999"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertFalse(tableExists(s, "block_data"), "nothing created in a file this build cannot read (WAL included)");
        }
    }

    private record Stored(Hash tip, Hash digest, Block block50) {
    }

    /** 110 coinbase-only blocks and one spending the first coinbase, stored in {@code dir}; closed again. */
    private Stored storeChainWithASpend() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(110, MINER_HASH, 0));
            node.mine(List.of(RegtestBlocks.spend(MINER, node.coinbaseAt(1), ChainParams.INITIAL_SUBSIDY, 5_000,
                    MINER_HASH)), MINER_HASH);
            return new Stored(node.chain.tip().hash(), node.chain.utxoDigest(),
                    node.chain.block(node.chain.entryAt(50).hash()));
        }
    }

    /** The first layout, as a build of that time left it. */
    private static void rewriteAsSchema1(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE blocks (hash BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE undo (hash BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID");
            s.execute("INSERT INTO blocks SELECT h.hash, d.data FROM block_data d JOIN headers h ON h.seq = d.seq");
            s.execute("INSERT INTO undo SELECT h.hash, d.data FROM undo_data d JOIN headers h ON h.seq = d.seq");
            s.execute("DROP TABLE block_data");
            s.execute("DROP TABLE undo_data");
            s.execute("UPDATE meta SET value = X'0000000000000001' WHERE key = 'schema'");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM undo")) {
                assertTrue(r.next() && r.getInt(1) > 100, "undo records to move");
            }
        }
    }

    private static boolean tableExists(Statement s, String name) throws Exception {
        try (ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'")) {
            return r.next();
        }
    }
}
