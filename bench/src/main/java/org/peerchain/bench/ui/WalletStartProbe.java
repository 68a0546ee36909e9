package org.peerchain.bench.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.PeerOptions;
import org.peerchain.ui.WalletMain;

/**
 * The child process of {@code bench ui}'s start measurement: runs the wallet as {@code peerchain wallet} does, on the regtest data directory given, and reports (lines starting {@value #REPORT}) the wall-clock time of the
 * window's first frame and of the node being ready, then, after opening every screen, its resident memory. Then it
 * quits the wallet.
 */
public final class WalletStartProbe {
    static final String REPORT = "wallet-start-probe: ";
    static final String FIRST_FRAME = "first_frame_epoch_ms";
    static final String READY = "ready_epoch_ms";
    static final String RSS_KB = "rss_kb";
    private static final long SCREEN_DWELL_MILLIS = 1_500;

    private WalletStartProbe() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Thread watcher = new Thread(() -> {
            try {
                watch();
            } catch (Exception e) {
                System.out.println("wallet start probe failed: " + e);
                Runtime.getRuntime().halt(3);
            }
        }, "start-probe");
        watcher.setDaemon(true);
        watcher.start();
        // as `peerchain wallet --network regtest --datadir DIR --port 0` (no trackers: the chain is already here)
        WalletMain.launch(WalletMain.desktopConfig(ChainParams.REGTEST, dir, 0, PeerOptions.NONE));
    }

    private static void watch() throws Exception {
        // the first pulse at which the wallet's window shows: its first frame is drawn in that pulse
        long[] firstFrame = {0};
        FxThread.call(() -> {
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (WindowDriver.walletScene().isPresent()) {
                        firstFrame[0] = System.currentTimeMillis();
                        stop();
                    }
                }
            }.start();
            return null;
        });
        WindowDriver window = WindowDriver.await();
        window.awaitReady();
        long ready = System.currentTimeMillis();
        System.out.println(REPORT + FIRST_FRAME + "=" + FxThread.call(() -> firstFrame[0]));
        System.out.println(REPORT + READY + "=" + ready);
        for (String screen : WindowDriver.SCREENS) {
            window.open(screen);
            Thread.sleep(SCREEN_DWELL_MILLIS);
        }
        System.out.println(REPORT + RSS_KB + "=" + residentKb());
        window.close();
    }

    /** VmRSS from /proc/self/status (Linux). */
    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS line in /proc/self/status");
    }
}
