package org.peerchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@code --dbcache} outside its range is refused before anything starts, with the range named. */
@Timeout(30)
@ResourceLock(Resources.SYSTEM_ERR)
class DbCacheOptionTest {
    @TempDir
    Path dir;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aNodeRefusesACacheBelowTheMinimumAndNamesTheRange() throws Exception {
        Path data = dir.resolve("node");
        Run r = run("node", "--network", "regtest", "--datadir", data.toString(), "--dbcache", "4");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--dbcache: the database cache must be 8 to 16384 MB, not 4"), r.err());
        assertFalse(Files.exists(data.resolve("chain.db")), "nothing was created");
    }

    @Test
    void aNodeRefusesACacheAboveTheMaximum() {
        Run r = run("node", "--network", "regtest", "--datadir", dir.resolve("node").toString(), "--dbcache",
                "20000");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not 20000"), r.err());
    }
}
