package org.peerchain.ui.settings;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The network and data directory the desktop opens when started without {@code --network} or {@code --datadir}: the
 * choice made at the first run (under "Advanced"), kept in {@code desktop.json} beside the networks' folders. The
 * settings live in each data directory; this file only says which one to open.
 */
public record DesktopLocation(String network, Path dataDir) {
    public static final String FILE_NAME = "desktop.json";
    private static final List<String> NETWORKS = List.of("main", "test", "regtest");

    /** The location kept under {@code base}; empty when there is none or the file cannot be read (a warning says why). */
    public static Optional<DesktopLocation> read(Path base) throws IOException {
        String text;
        try {
            text = Files.readString(base.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            String network = o.get("network").getAsString();
            if (!NETWORKS.contains(network)) {
                throw new IOException(base.resolve(FILE_NAME) + " names the network \"" + network + "\" (main, test or"
                        + " regtest)");
            }
            return Optional.of(new DesktopLocation(network, Path.of(o.get("dataDir").getAsString())));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | InvalidPathException e) {
            throw new IOException(base.resolve(FILE_NAME) + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code location} under {@code base}, written atomically. */
    public static void write(Path base, DesktopLocation location) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("network", location.network());
        o.addProperty("dataDir", location.dataDir().toAbsolutePath().toString());
        Files.createDirectories(base);
        Path tmp = base.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, o + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, base.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
