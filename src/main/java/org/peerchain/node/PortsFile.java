package org.peerchain.node;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code D/ports.json}: the ports a running node listens on, {@code {"p2p": P, "rpc": R}} (and {@code "tracker": T}
 * when it hosts a tracker), so that
 * scripts and {@code peerchain rpc} find a node started with {@code --port 0 --rpc-port 0}. Written
 * atomically at start and removed on a clean stop.
 */
public final class PortsFile {
    public static final String FILE_NAME = "ports.json";

    private PortsFile() {
    }

    public static void write(Path dir, int p2pPort, int rpcPort) throws IOException {
        write(dir, p2pPort, rpcPort, 0);
    }

    /** As {@link #write(Path, int, int)}, with the hosted tracker's port when it is above 0. */
    public static void write(Path dir, int p2pPort, int rpcPort, int trackerPort) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("p2p", p2pPort);
        o.addProperty("rpc", rpcPort);
        if (trackerPort > 0) {
            o.addProperty("tracker", trackerPort);
        }
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, o + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The port named {@code key}, or a clear message naming the file and what is wrong with it. */
    public static int read(Path dir, String key) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new IOException("No node is running on " + dir + " (" + file + " does not exist)");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            int port = o.get(key).getAsInt();
            if (port <= 0 || port > 65535) {
                throw new IllegalStateException("port " + port + " is out of range");
            }
            return port;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not valid: expected {\"p2p\": PORT, \"rpc\": PORT}, found '"
                    + text.strip() + "'");
        }
    }

    public static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE_NAME));
        } catch (IOException e) {
            // A stale ports file only misleads until the next start rewrites it.
        }
    }
}
