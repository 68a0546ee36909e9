package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;

@Timeout(60)
class FoundBlockLogTest {
    @TempDir
    Path dir;

    @Test
    void theCountOfBlocksFoundGoesOnPastTheKeptListAndSurvivesARestart() {
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        KeyHash payTo = KeyHash.wrap(new byte[KeyHash.LENGTH]);
        int found = FoundBlockLog.MAX_BLOCKS + 5;
        try (FoundBlockLog log = FoundBlockLog.open(dir)) {
            Block newest = null;
            for (int i = 0; i < found; i++) {
                newest = builder.next(payTo, 0, java.util.List.of());
                log.found(newest, 1_000 + i, true);
            }
            log.found(newest, 5_000, true);
            assertEquals(FoundBlockLog.MAX_BLOCKS, log.entries().size(), "the newest thousand are kept");
            assertEquals(found, log.totalFound(), "a block already counted is not counted again");
        }
        try (FoundBlockLog again = FoundBlockLog.open(dir)) {
            assertEquals(found, again.totalFound());
            assertEquals(FoundBlockLog.MAX_BLOCKS, again.entries().size());
        }
    }

    @Test
    void aFileWrittenBeforeTheCountWasKeptCountsItsList() throws Exception {
        String hash = "11".repeat(32);
        Files.writeString(dir.resolve(FoundBlockLog.FILE_NAME), "{\"version\": 1, \"blocks\": [{\"hash\": \"" + hash
                + "\", \"height\": 7, \"time\": 100, \"reward\": 5000000000, \"wasActive\": true}]}",
                StandardCharsets.UTF_8);
        try (FoundBlockLog log = FoundBlockLog.open(dir)) {
            assertEquals(1, log.totalFound());
            assertEquals(7, log.entries().get(0).height());
        }
    }
}
