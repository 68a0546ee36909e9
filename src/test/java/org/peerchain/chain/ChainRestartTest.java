package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.events.EventBus;
import org.peerchain.testing.EventRecorder;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class ChainRestartTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("restart miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void restartRestoresTipUtxoSetAndSideBranchesWithoutReplayingAnyBlock() throws Exception {
        Hash tip;
        Hash digest;
        UtxoStats stats;
        Set<Hash> tips;
        Block sideTip;
        Block orphanParent;
        Block orphan;
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(105, MINER_HASH, 0));
            node.mine(List.of(
                    RegtestBlocks.spend(MINER, node.coinbaseAt(1), ChainParams.INITIAL_SUBSIDY, 5_000, MINER_HASH),
                    RegtestBlocks.spend(MINER, node.coinbaseAt(2), ChainParams.INITIAL_SUBSIDY, 5_000, MINER_HASH)),
                    MINER_HASH);
            node.mineEmpty(2, MINER_HASH);
            Block side1 = RegtestBlocks.build(node.chain.entryAt(105).header(), 106, List.of(), MINER_HASH, 99);
            sideTip = RegtestBlocks.build(side1.header(), 107, List.of(), MINER_HASH, 99);
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(side1));
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(sideTip));
            orphanParent = node.blockOnTip(List.of(), MINER_HASH);
            orphan = RegtestBlocks.build(orphanParent.header(), 110, List.of(), MINER_HASH, 0);
            assertEquals(BlockOutcome.ORPHAN, node.process(orphan));
            assertEquals(1, node.chain.orphanCount());

            tip = node.chain.tip().hash();
            digest = node.chain.utxoDigest();
            stats = node.chain.utxoStats();
            tips = node.chain.tips().stream().map(BlockIndexEntry::hash).collect(Collectors.toSet());
            assertEquals(108, stats.height());
            assertEquals(108 - 2 + 2, stats.txouts(), "108 coinbases, two of them spent into two new outputs");
        }

        EventBus bus = new EventBus();
        EventRecorder published = new EventRecorder(bus);
        try (RegtestChain again = RegtestChain.open(dir, bus)) {
            assertEquals(List.of(), published.all().stream().filter(e -> !(e instanceof ChainEvent.BlockIndexLoading))
                    .toList(), "opening connects nothing: the state is read, not replayed");
            assertEquals(new ChainEvent.BlockIndexLoading(111, 111), published.all().get(published.all().size() - 1),
                    "only the block index's loading is told, to its end");
            assertEquals(tip, again.chain.tip().hash());
            assertEquals(digest, again.chain.utxoDigest());
            assertEquals(stats, again.chain.utxoStats());
            assertEquals(tips, again.chain.tips().stream().map(BlockIndexEntry::hash).collect(Collectors.toSet()));
            assertEquals(BlockStatus.HAVE_DATA, again.chain.entry(sideTip.hash()).status());
            assertFalse(again.chain.isActive(again.chain.entry(sideTip.hash())));

            // Orphans live in memory only: after a restart the orphan is simply offered again.
            assertEquals(0, again.chain.orphanCount());
            assertEquals(BlockOutcome.ACTIVE, again.process(orphanParent));
            assertEquals(BlockOutcome.ACTIVE, again.process(orphan));
            assertEquals(110, again.chain.height());
        }
    }

    @Test
    void openingTheDirectoryWithAnotherNetworkNamesTheFileAndBothNetworksAndChangesNothing() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.mineEmpty(3, MINER_HASH);
        }
        Path file = dir.resolve("chain.db");
        byte[] before = Files.readAllBytes(file);
        ExecutorService verifiers = RegtestChain.verifierThreads();
        try {
            ChainStoreException e = assertThrows(ChainStoreException.class,
                    () -> ChainState.open(dir, ChainParams.TEST, new EventBus(), verifiers, () -> 0L));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(ChainParams.REGTEST.networkId()), e.getMessage());
            assertTrue(e.getMessage().contains(ChainParams.TEST.networkId()), e.getMessage());
        } finally {
            verifiers.shutdownNow();
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(3, node.chain.height());
        }
    }

    @Test
    void aDatabaseWithGarbageInTheMiddleIsRefusedWithAnErrorNamingTheFileAndIsLeftUntouched() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(150, MINER_HASH, 0));
        }
        Path file = dir.resolve("chain.db");
        assertFalse(Files.exists(dir.resolve("chain.db-wal")), "a clean close folds the WAL into the file");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length >= 8 * PAGE, "the database spans many pages: " + bytes.length);
        byte[] garbage = new byte[3 * PAGE];
        new Random(42).nextBytes(garbage);
        int middle = (bytes.length / 2 / PAGE) * PAGE;
        System.arraycopy(garbage, 0, bytes, middle, garbage.length);
        Files.write(file, bytes);

        assertRefusedAndUntouched(file, bytes);
    }

    @Test
    void aFileThatIsNotSqliteAtAllIsRefusedWithAnErrorNamingTheFileAndIsLeftUntouched() throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("chain.db");
        byte[] text = "these are my holiday notes, not a chain database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);

        assertRefusedAndUntouched(file, text);
    }

    @Test
    void aBlockDamagedInsideItsStoredBytesIsReportedAsDamagedNamingTheFileAndTheBlock() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(20, MINER_HASH, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(blocks);
        }
        // SQLite keeps no checksum of a row's content, so damage inside a stored block passes its checks;
        // reading the block must still say what is wrong and where, not fail with a bare decoding error.
        Path file = dir.resolve("chain.db");
        byte[] bytes = Files.readAllBytes(file);
        Block victim = blocks.get(9);
        // Every copy of it (SQLite may leave stale copies in free pages): its transaction count becomes absurd.
        int copies = 0;
        for (int at = indexOf(bytes, victim.serialize(), 0); at >= 0; at = indexOf(bytes, victim.serialize(), at + 1)) {
            java.util.Arrays.fill(bytes, at + org.peerchain.core.BlockHeader.SIZE,
                    at + org.peerchain.core.BlockHeader.SIZE + 9, (byte) 0xFF);
            copies++;
        }
        assertTrue(copies > 0, "the block is stored as one run of bytes");
        Files.write(file, bytes);

        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(20, node.chain.height());
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> node.chain.block(victim.hash()));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(victim.hash().toString()), e.getMessage());
            assertEquals(blocks.get(10).hash(), node.chain.block(blocks.get(10).hash()).hash(), "other blocks still read");
        }
    }

    @Test
    void aBlockIndexRowThatNoPeerChainWroteIsReportedNamingTheFile() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.mineEmpty(3, MINER_HASH);
        }
        Path file = dir.resolve("chain.db");
        for (String damage : List.of("UPDATE headers SET status = 7 WHERE height = 2",
                "UPDATE headers SET header = x'00' WHERE height = 2")) {
            Path copy = Files.createDirectories(dir.resolve("case-" + damage.hashCode()));
            Files.copy(file, copy.resolve("chain.db"));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("chain.db"));
                    java.sql.Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate(damage));
            }
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> RegtestChain.open(copy), damage);
            assertTrue(e.getMessage().contains(copy.resolve("chain.db").toString()), e.getMessage());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void assertRefusedAndUntouched(Path file, byte[] expectedBytes) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> RegtestChain.open(dir));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("not a PeerChain"),
                    e.getMessage());
            assertArrayEquals(expectedBytes, Files.readAllBytes(file), "the file is not modified");
        }
    }
}
