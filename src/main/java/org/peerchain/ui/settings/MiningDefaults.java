package org.peerchain.ui.settings;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.Subscription;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The miner's thread count and its pause-while-syncing option as the settings keep them: given to the node when it
 * starts, and followed from the node's mining events afterwards, so a choice made on the Mining screen is there at the
 * next start.
 */
public final class MiningDefaults {
    private MiningDefaults() {
    }

    /** The thread count {@code s} asks for on a machine with {@code cores} cores (never more than it has). */
    public static int threads(AppSettings s, int cores) {
        int wanted = s.miningThreads() == AppSettings.HALF_THE_CORES ? cores / 2 : s.miningThreads();
        return Math.max(1, Math.min(cores, wanted));
    }

    /** Gives the node's miner the remembered threads and pause option (on a background thread: it reaches the node). */
    public static void restore(AppSettings s, MiningControl mining) {
        mining.setThreads(threads(s, mining.maxThreads()));
        mining.setPauseWhileSyncing(s.pauseMiningWhileSyncing());
    }

    /**
     * Follows the miner's settings: when the thread count or the pause option differs from {@code current}, hands
     * {@code save} the settings with the new ones, on the dispatcher's thread. Close the subscription to stop.
     */
    public static Subscription follow(NodeServices node, FxDispatcher dispatcher, Supplier<AppSettings> current,
            Consumer<AppSettings> save) {
        Object key = FxDispatcher.key(save, "mining-defaults");
        return node.subscribe(NodeEvent.Mining.class, e -> {
            int threads = e.snapshot().threads();
            int cores = e.snapshot().maxThreads();
            boolean pause = node.mining().pauseWhileSyncing();
            dispatcher.post(key, () -> {
                AppSettings s = current.get();
                // "half the cores" stays as it is while the miner runs that many: it still means it on another machine
                if (threads >= 1 && (threads != threads(s, cores) || pause != s.pauseMiningWhileSyncing())) {
                    save.accept(s.withMining(threads, pause));
                }
            });
        });
    }
}
