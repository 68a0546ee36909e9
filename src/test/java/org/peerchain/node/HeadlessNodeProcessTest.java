package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.testing.Await;

/** The headless node is a separate process that must never need JavaFX (DESIGN.md section 3). */
@Timeout(90)
class HeadlessNodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void runsAndAnswersRpcWithoutJavaFxOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("openjfx") && !entry.contains("javafx")
                        && !entry.contains("controlsfx") && !entry.contains("atlantafx") && !entry.contains("testfx"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(classPath.contains("javafx"));
        Path log = dir.resolve("node.log");
        Path data = dir.resolve("data");
        Process node = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "org.peerchain.cli.Main", "node", "--network", "regtest", "--datadir", data.toString(),
                "--rpc-port", "0", "--port", "0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until(Duration.ofSeconds(60), "the node to write ports.json",
                    () -> Files.exists(data.resolve(PortsFile.FILE_NAME)) || !node.isAlive());
            assertTrue(node.isAlive(), () -> "the node died: " + read(log));
            RpcClient rpc = RpcClient.forDataDir(data);
            // as bitcoind's clients do, ask again while the node answers "warming up" (-28)
            int[] count = {-1};
            Await.until(Duration.ofSeconds(60), "the node to finish warming up", () -> {
                try {
                    count[0] = rpc.call("getblockcount").getAsInt();
                    return true;
                } catch (org.peerchain.node.rpc.RpcException e) {
                    if (e.code() != org.peerchain.node.rpc.RpcErrors.IN_WARMUP) {
                        throw new IllegalStateException(e);
                    }
                    return false;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertEquals(0, count[0]);
            rpc.call("stop");
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the node did not stop");
            assertEquals(0, node.exitValue(), () -> read(log));
            assertFalse(read(log).contains("NoClassDefFoundError"), () -> read(log));
        } finally {
            node.destroyForcibly();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
