package org.peerchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash soak, short: three SIGKILLs of a mining regtest node that syncs from a second mining node, each
 * followed by a clean restart.
 */
class CrashSoakTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void miningSyncingNodeRestartsCleanAfterEachOfThreeKills() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path node = dir.resolve("node");
        CrashSoak.Result r = new CrashSoak(new CrashSoak.Options(node, 3, Duration.ofMillis(2_500), 42,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--add-opens",
                        "java.base/sun.security.provider=ALL-UNNAMED"), true),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(3, r.restarts().size(), out);
        assertEquals(3, r.clean(), out);
        assertTrue(out.contains("clean_restarts: 3"), out);
        assertTrue(r.restarts().get(2).height() > 0, "the node mined between kills:\n" + out);
        assertTrue(r.restarts().get(2).fromSource() > 0, "the node stored blocks it downloaded from the source:\n" + out);
    }
}
