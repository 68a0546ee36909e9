package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.peerchain.node.PortsFile;

/**
 * A regtest node in its own JVM with a small heap that exits on an out-of-memory error, its output in a log file: the
 * flood tests measure what a peer can cost a node, which a node sharing the test's heap would hide.
 */
final class NodeProcess implements AutoCloseable {
    static final String HEAP = "-Xmx256m";

    final Process process;
    final Path log;
    final int p2pPort;

    private NodeProcess(Process process, Path log, int p2pPort) {
        this.process = process;
        this.log = log;
        this.p2pPort = p2pPort;
    }

    /** Starts the node on {@code dir} and waits for its P2P port. */
    static NodeProcess start(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("node.log");
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("javafx") && !e.contains("openjfx") && !e.contains("testfx"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classPath, "org.peerchain.cli.Main", "node", "--network",
                "regtest", "--datadir", data.toString(), "--port", "0", "--rpc-port", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            TestNetwork.await("the node to write its P2P port", Duration.ofSeconds(60), () -> {
                try {
                    return !p.isAlive() || PortsFile.read(data, "p2p") > 0;
                } catch (IOException e) {
                    return false;
                }
            });
            assertTrue(p.isAlive(), () -> "the node died at start: " + tail(log));
            return new NodeProcess(p, log, PortsFile.read(data, "p2p"));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The last few kilobytes of the log, for a failure message. */
    String tail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            String all = Files.readString(log);
            return all.substring(Math.max(0, all.length() - 6_000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
