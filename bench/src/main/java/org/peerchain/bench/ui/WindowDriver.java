package org.peerchain.bench.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.peerchain.ui.WalletApp;

/**
 * Drives the wallet's window as a user does, through its controls (by their FXML ids): the navigation rail, the
 * Mining screen's thread presets and its Start/Stop button. Every step runs on the FX thread.
 */
final class WindowDriver {
    /** The navigation rail's buttons, in the rail's order (fx:id without "Button"). */
    static final List<String> SCREENS = List.of("overview", "mining", "explorer", "peers");
    private static final long WINDOW_TIMEOUT_MILLIS = 60_000;
    private static final long READY_TIMEOUT_MILLIS = 5 * 60_000;
    private static final long STEP_TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 10;
    private static final String START = "Start mining";

    private final Scene scene;

    private WindowDriver(Scene scene) {
        this.scene = scene;
    }

    /** Waits for the wallet's window to be showing. */
    static WindowDriver await() throws Exception {
        long deadline = System.currentTimeMillis() + WINDOW_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Scene> scene = FxThread.call(WindowDriver::walletScene);
            if (scene.isPresent()) {
                return new WindowDriver(scene.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the wallet's window did not show in " + WINDOW_TIMEOUT_MILLIS + " ms");
    }

    /** The wallet's scene, if its window is showing (FX thread). */
    static Optional<Scene> walletScene() {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && WalletApp.TITLE.equals(s.getTitle()) && s.isShowing() && s.getScene() != null) {
                return Optional.of(s.getScene());
            }
        }
        return Optional.empty();
    }

    /** Waits until the node is ready: the navigation rail is enabled. */
    void awaitReady() throws Exception {
        awaitControl("the navigation rail to be enabled", READY_TIMEOUT_MILLIS, ToggleButton.class,
                b -> "overviewButton".equals(b.getId()) && !b.isDisabled());
    }

    /** Clicks the navigation rail's button of {@code screen}. */
    void open(String screen) throws Exception {
        FxThread.call(() -> {
            ToggleButton b = (ToggleButton) scene.lookup("#" + screen + "Button");
            if (b == null) {
                throw new IllegalStateException("no navigation button for " + screen);
            }
            b.fire();
            return null;
        });
    }

    /** Opens the Mining screen, turns pause-while-syncing off, chooses every core and presses Start mining. */
    void startMiningOnAllCores() throws Exception {
        open("mining");
        ButtonBase start = awaitControl("the Mining screen's Start button", STEP_TIMEOUT_MILLIS, Button.class,
                WindowDriver::isStartStop);
        FxThread.call(() -> {
            CheckBox pause = (CheckBox) scene.lookup("#pauseCheck");
            if (pause != null && pause.isSelected()) {
                pause.fire();
            }
            ((Button) scene.lookup("#allButton")).fire();
            if (START.equals(start.getText())) {
                start.fire();
            }
            return null;
        });
        awaitControl("the button to say Stop mining", STEP_TIMEOUT_MILLIS, Button.class,
                b -> isStartStop(b) && !START.equals(b.getText()));
    }

    void stopMining() throws Exception {
        open("mining");
        ButtonBase stop = awaitControl("the Mining screen's Stop button", STEP_TIMEOUT_MILLIS, Button.class,
                b -> isStartStop(b) && !START.equals(b.getText()));
        FxThread.call(() -> {
            stop.fire();
            return null;
        });
        awaitControl("the button to say Start mining", STEP_TIMEOUT_MILLIS, Button.class,
                b -> isStartStop(b) && START.equals(b.getText()));
    }

    /** Closes the window as the user quitting does: the application stops and closes its node. */
    void close() throws Exception {
        FxThread.call(() -> {
            Platform.exit();
            return null;
        });
    }

    private static boolean isStartStop(Node n) {
        return n.getStyleClass().contains("mining-button");
    }

    private <T extends Node> T awaitControl(String what, long timeoutMillis, Class<T> type, Predicate<T> test)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> found = FxThread.call(() -> scene.getRoot().lookupAll("*").stream()
                    .filter(type::isInstance).map(type::cast).filter(test).findFirst());
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("timed out after " + timeoutMillis + " ms waiting for " + what);
    }
}
