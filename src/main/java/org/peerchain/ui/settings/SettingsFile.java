package org.peerchain.ui.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code settings.json}: read at start, written atomically (a temporary file moved over the old one) at each change.
 * A damaged file is named, kept aside as {@code settings.json.damaged} and replaced by defaults: the wallet and the
 * chain live in other files and are never touched. A single bad value (an unknown theme, a scale out of range) falls
 * back to its default and the rest is kept.
 */
public final class SettingsFile {
    public static final String FILE_NAME = "settings.json";
    static final String DAMAGED_SUFFIX = ".damaged";
    private static final Logger log = LoggerFactory.getLogger(SettingsFile.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path file;

    /** The outcome of a read: the settings and, when the file was damaged or had bad values, what was wrong. */
    public record Loaded(AppSettings settings, Optional<String> problem) {
    }

    public SettingsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public Loaded load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(AppSettings.defaults(), Optional.empty());
        } catch (IOException e) {
            String why = "The settings file " + file + " cannot be read (" + e.getMessage() + "): using the defaults.";
            log.warn(why);
            return new Loaded(AppSettings.defaults(), Optional.of(why));
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new JsonParseException("it holds " + (root.isJsonNull() ? "nothing" : "a " + kind(root))
                        + ", not a JSON object");
            }
            List<String> bad = new ArrayList<>();
            AppSettings s = read(root.getAsJsonObject(), bad);
            if (bad.isEmpty()) {
                return new Loaded(s, Optional.empty());
            }
            String why = "The settings file " + file + " has " + String.join("; ", bad) + ": the default is used instead.";
            log.warn(why);
            return new Loaded(s, Optional.of(why));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            Path aside = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
            String why = "The settings file " + file + " is damaged (" + rootMessage(e) + "). It was kept as " + aside
                    + " and the defaults are used; your wallet and chain are not affected.";
            log.warn(why);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("Cannot keep the damaged settings file aside: {}", moveFailed.getMessage());
            }
            return new Loaded(AppSettings.defaults(), Optional.of(why));
        }
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "list" : "single value";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static AppSettings read(JsonObject o, List<String> bad) {
        AppSettings d = AppSettings.defaults();
        String theme = string(o, "theme", d.theme());
        if (!theme.equals(AppSettings.LIGHT) && !theme.equals(AppSettings.DARK)) {
            bad.add("theme \"" + theme + "\" (light or dark)");
            theme = d.theme();
        }
        double scale = o.has("uiScale") ? o.get("uiScale").getAsDouble() : d.uiScale();
        if (!(scale >= AppSettings.MIN_SCALE && scale <= AppSettings.MAX_SCALE)) {
            bad.add("uiScale " + scale + " (" + AppSettings.MIN_SCALE + " to " + AppSettings.MAX_SCALE + ")");
            scale = d.uiScale();
        }
        AppSettings.WindowGeometry window = null;
        if (o.has("window") && o.get("window").isJsonObject()) {
            JsonObject w = o.getAsJsonObject("window");
            window = new AppSettings.WindowGeometry(w.get("x").getAsDouble(), w.get("y").getAsDouble(),
                    w.get("width").getAsDouble(), w.get("height").getAsDouble(),
                    w.has("maximized") && w.get("maximized").getAsBoolean());
            if (!(window.width() > 0 && window.height() > 0)) {
                bad.add("a window size of " + window.width() + " x " + window.height());
                window = null;
            }
        }
        List<String> trackers = addresses(o, "trackers", bad);
        List<String> peers = addresses(o, "peers", bad);
        int port = o.has("listenPort") ? o.get("listenPort").getAsInt() : d.listenPort();
        if (port != AppSettings.DEFAULT_PORT && (port < AppSettings.ANY_PORT || port > AppSettings.MAX_PORT)) {
            bad.add("listenPort " + port + " (0 to " + AppSettings.MAX_PORT + ")");
            port = d.listenPort();
        }
        int threads = d.miningThreads();
        if (o.has("miningThreads")) {
            JsonElement t = o.get("miningThreads");
            if (isWholeNumber(t) && t.getAsInt() >= 0 && t.getAsInt() <= AppSettings.MAX_MINING_THREADS) {
                threads = t.getAsInt();
            } else {
                bad.add("miningThreads " + t + " (0 for half the cores, or 1 to " + AppSettings.MAX_MINING_THREADS + ")");
            }
        }
        boolean pause = d.pauseMiningWhileSyncing();
        if (o.has("pauseMiningWhileSyncing")) {
            JsonElement p = o.get("pauseMiningWhileSyncing");
            if (p.isJsonPrimitive() && p.getAsJsonPrimitive().isBoolean()) {
                pause = p.getAsBoolean();
            } else {
                bad.add("pauseMiningWhileSyncing " + p + " (true or false)");
            }
        }
        int autoLock = d.autoLockMinutes();
        if (o.has("autoLockMinutes")) {
            JsonElement m = o.get("autoLockMinutes");
            if (isWholeNumber(m) && AppSettings.AUTO_LOCK_CHOICES.contains(m.getAsInt())) {
                autoLock = m.getAsInt();
            } else {
                bad.add("autoLockMinutes " + m + " (one of " + AppSettings.AUTO_LOCK_CHOICES + ", 0 for never)");
            }
        }
        boolean browse = d.browseWithoutWallet();
        if (o.has("browseWithoutWallet")) {
            JsonElement b = o.get("browseWithoutWallet");
            if (b.isJsonPrimitive() && b.getAsJsonPrimitive().isBoolean()) {
                browse = b.getAsBoolean();
            } else {
                bad.add("browseWithoutWallet " + b + " (true or false)");
            }
        }
        Boolean discover = d.discover();
        if (o.has("discover")) {
            JsonElement b = o.get("discover");
            if (b.isJsonPrimitive() && b.getAsJsonPrimitive().isBoolean()) {
                discover = b.getAsBoolean();
            } else if (!b.isJsonNull()) {
                bad.add("discover " + b + " (true or false)");
            }
        }
        int hostTracker = d.hostTrackerPort();
        if (o.has("hostTrackerPort")) {
            JsonElement t = o.get("hostTrackerPort");
            if (isWholeNumber(t) && (t.getAsInt() == AppSettings.NO_TRACKER
                    || t.getAsInt() >= AppSettings.ANY_PORT && t.getAsInt() <= AppSettings.MAX_PORT)) {
                hostTracker = t.getAsInt();
            } else {
                bad.add("hostTrackerPort " + t + " (-1 for none, or 0 to " + AppSettings.MAX_PORT + ")");
            }
        }
        return new AppSettings(theme, scale, window, string(o, "lastScreen", d.lastScreen()), trackers, port, threads,
                pause, peers, string(o, "payoutAddress", d.payoutAddress()), autoLock, browse, discover, hostTracker);
    }

    /**
     * A list of host:port addresses; one that cannot be read is left out and named (the others are kept), so a hand
     * edit cannot stop the node from starting.
     */
    private static List<String> addresses(JsonObject o, String name, List<String> bad) {
        List<String> out = new ArrayList<>();
        if (!o.has(name)) {
            return out;
        }
        JsonArray a = o.getAsJsonArray(name);
        for (JsonElement e : a) {
            String address = e.getAsString().strip();
            try {
                // any default port will do: this checks the text, which is kept as written
                NetworkAddress.parse(address, AppSettings.MAX_PORT);
                if (!out.contains(address)) {
                    out.add(address);
                }
            } catch (IllegalArgumentException ex) {
                bad.add(name + " entry \"" + address + "\" (" + ex.getMessage() + ")");
            }
        }
        return out;
    }

    private static boolean isWholeNumber(JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        double v = e.getAsDouble();
        return v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE;
    }

    private static String string(JsonObject o, String name, String fallback) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : fallback;
    }

    /** Writes the settings: a temporary file beside the real one, then moved over it, so a crash leaves one or the other. */
    public void save(AppSettings s) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, GSON.toJson(s), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
