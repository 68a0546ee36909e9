package org.peerchain.ui;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.SyncState;
import org.peerchain.node.api.WalletState;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.PasswordDialog;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.settings.AppSettings;

/**
 * Wiring only: the navigation rail, the content area (the startup view, then the screens) and the status bar under
 * every screen.
 */
public final class MainController {
    /** The longest an unlock from the status bar lasts; the automatic lock usually ends it sooner. */
    static final Duration UNLOCK_FOR = Duration.ofHours(12);

    private final StatusBarViewModel status;
    private final Consumer<Boolean> themeSwitch;
    private final DoubleConsumer scaleSwitch;
    private final Consumer<ScreenId> screenShown;
    private final Map<ScreenId, ToggleButton> navButtons = new EnumMap<>(ScreenId.class);
    private final ToggleGroup nav = new ToggleGroup();
    private ScreenHost host;

    @FXML
    private Label networkBadge;
    @FXML
    private ToggleButton overviewButton;
    @FXML
    private ToggleButton sendButton;
    @FXML
    private ToggleButton receiveButton;
    @FXML
    private ToggleButton transactionsButton;
    @FXML
    private ToggleButton settingsButton;
    @FXML
    private ToggleButton miningButton;
    @FXML
    private ToggleButton explorerButton;
    @FXML
    private ToggleButton peersButton;
    @FXML
    private ToggleButton darkToggle;
    @FXML
    private MenuButton scaleMenu;
    @FXML
    private StackPane content;
    @FXML
    private VBox toastLayer;
    @FXML
    private StatusBar statusBar;

    MainController(StatusBarViewModel status, Consumer<Boolean> themeSwitch, DoubleConsumer scaleSwitch,
            Consumer<ScreenId> screenShown) {
        this.status = status;
        this.themeSwitch = themeSwitch;
        this.scaleSwitch = scaleSwitch;
        this.screenShown = screenShown;
    }

    @FXML
    private void initialize() {
        navButtons.put(ScreenId.OVERVIEW, overviewButton);
        navButtons.put(ScreenId.SEND, sendButton);
        navButtons.put(ScreenId.RECEIVE, receiveButton);
        navButtons.put(ScreenId.TRANSACTIONS, transactionsButton);
        navButtons.put(ScreenId.MINING, miningButton);
        navButtons.put(ScreenId.EXPLORER, explorerButton);
        navButtons.put(ScreenId.PEERS, peersButton);
        navButtons.put(ScreenId.SETTINGS, settingsButton);
        navButtons.forEach((id, b) -> {
            b.setToggleGroup(nav);
            b.setDisable(true);
            b.setOnAction(e -> {
                b.setSelected(true); // a second click on the shown screen keeps it selected
                host.open(id);
            });
        });
        host = new ScreenHost(content, this::shown);
        networkBadge.textProperty().bind(status.networkProperty());
        networkBadge.visibleProperty().bind(status.networkProperty().isNotEmpty());
        darkToggle.selectedProperty().addListener((obs, was, dark) -> themeSwitch.accept(dark));
        buildStatusBar();
    }

    private void buildStatusBar() {
        statusBar.textProperty().bind(status.messageProperty());
        Label peers = statusItem("mdi2l-lan-connect");
        peers.setId("statusPeers");
        peers.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = status.peersProperty().get();
            return status.p2pOnProperty().get() ? n + (n == 1 ? " peer" : " peers") : "P2P off";
        }, status.peersProperty(), status.p2pOnProperty()));
        Tooltip peersTip = new Tooltip();
        peersTip.textProperty().bind(Bindings.createStringBinding(() -> peersTooltip(status.peersBySourceProperty().get()),
                status.peersBySourceProperty()));
        peers.setTooltip(peersTip);

        Label height = statusItem("mdi2c-cube-outline");
        height.setId("statusHeight");
        height.textProperty().bind(Bindings.createStringBinding(() -> heightText(status.heightProperty().get(),
                status.syncProperty().get()), status.heightProperty(), status.syncProperty()));
        ProgressBar syncBar = new ProgressBar();
        syncBar.getStyleClass().add("status-sync-bar");
        syncBar.progressProperty().bind(Bindings.createDoubleBinding(() -> status.syncProperty().get().fraction(),
                status.syncProperty()));
        syncBar.visibleProperty().bind(Bindings.createBooleanBinding(() -> status.syncProperty().get().syncing(),
                status.syncProperty()));
        syncBar.managedProperty().bind(syncBar.visibleProperty());
        Tooltip syncTip = new Tooltip();
        syncTip.textProperty().bind(Bindings.createStringBinding(() -> Formats.syncLine(status.syncProperty().get(),
                status.peersProperty().get(), status.p2pOnProperty().get()), status.syncProperty(), status.peersProperty(),
                status.p2pOnProperty()));
        height.setTooltip(syncTip);

        Label mining = statusItem("mdi2p-pickaxe");
        mining.setId("statusMining");
        mining.textProperty().bind(Bindings.createStringBinding(() -> {
            if (status.miningPausedProperty().get()) {
                return "Mining paused while syncing";
            }
            return status.miningProperty().get() ? "Mining " + Formats.hashRate(status.hashRateProperty().get())
                    : "Not mining";
        }, status.miningProperty(), status.hashRateProperty(), status.miningPausedProperty()));
        status.miningProperty().addListener((obs, was, on) -> {
            if (on) {
                mining.getStyleClass().add("mining-on");
            } else {
                mining.getStyleClass().remove("mining-on");
            }
        });
        mining.setOnMouseClicked(e -> host.open(ScreenId.MINING));

        Label tracker = statusItem("mdi2s-server-network");
        tracker.setId("statusTracker");
        tracker.textProperty().bind(Bindings.createStringBinding(() -> "Tracker on port "
                + status.hostedTrackerProperty().get(), status.hostedTrackerProperty()));
        tracker.visibleProperty().bind(status.hostedTrackerProperty().greaterThan(0));
        tracker.managedProperty().bind(tracker.visibleProperty());
        tracker.setTooltip(new Tooltip("This wallet hosts a tracker: other nodes find peers through it when given this"
                + " computer's address and this port. Click to see its peer table. It stops when the wallet closes;"
                + " Settings turns it off."));
        tracker.setOnMouseClicked(e -> openTrackerWindow(status.hostedTrackerProperty().get()));
        statusBar.getRightItems().addAll(peers, height, syncBar, mining, tracker, lockButton());
    }

    /** The hosted tracker's admin window (tracker-app's), or Settings where this build has no such window. */
    private void openTrackerWindow(int port) {
        TrackerWindows.find().ifPresentOrElse(w -> {
            try {
                w.showHosted(port, statusBar.getScene().getWindow());
            } catch (IllegalStateException | java.io.UncheckedIOException ex) {
                status.showMessage("The tracker's window cannot open: " + ex.getMessage());
            }
        }, () -> host.open(ScreenId.SETTINGS));
    }

    /** Locked: a click asks for the password and unlocks; unlocked: a click locks. Hidden without a wallet. */
    private Button lockButton() {
        Button lock = new Button();
        lock.setId("statusLock");
        lock.getStyleClass().addAll("status-item", "status-lock", "flat");
        FontIcon icon = new FontIcon("mdi2l-lock");
        lock.setGraphic(icon);
        Tooltip tip = new Tooltip();
        lock.setTooltip(tip);
        Runnable show = () -> {
            WalletState w = status.walletProperty().get();
            lock.setVisible(w.loaded());
            lock.setManaged(w.loaded());
            icon.setIconLiteral(w.locked() ? "mdi2l-lock" : "mdi2l-lock-open-variant");
            lock.setText(w.locked() ? "Locked" : "Unlocked");
            tip.setText(w.locked() ? "The wallet is locked: click to unlock it with its password"
                    : "The wallet is unlocked until " + Formats.timeOfDay(w.unlockedUntil() * 1000)
                            + " or the automatic lock: click to lock it now");
        };
        status.walletProperty().addListener((obs, was, now) -> show.run());
        show.run();
        lock.setOnAction(e -> {
            if (status.walletProperty().get().locked()) {
                askToUnlock("");
            } else {
                status.lockWallet();
            }
        });
        return lock;
    }

    private void askToUnlock(String problem) {
        new PasswordDialog(statusBar.getScene().getWindow(), "Unlock the wallet",
                "Unlocked, the wallet sends without asking for its password. It locks again when you click the lock,"
                        + " after the idle time chosen in Settings, or after " + UNLOCK_FOR.toHours() + " hours.",
                "Unlock").ask(problem).ifPresent(password -> status.unlockWallet(password, UNLOCK_FOR, this::askToUnlock));
    }

    private static Label statusItem(String icon) {
        Label l = new Label();
        l.getStyleClass().add("status-item");
        l.setGraphic(new FontIcon(icon));
        return l;
    }

    static String heightText(int height, SyncState sync) {
        if (height < 0) {
            return "…";
        }
        String h = "Height " + Formats.count(height);
        if (sync.syncing() && sync.targetHeight() > height) {
            return h + " of " + Formats.count(sync.targetHeight()) + " · " + Formats.percent(sync.fraction())
                    + (sync.secondsLeft() >= 0 ? " · " + Formats.duration(sync.secondsLeft()) + " left" : "");
        }
        return h;
    }

    static String peersTooltip(Map<PeerSource, Long> by) {
        StringBuilder b = new StringBuilder("Connected peers, by how they were found:");
        for (PeerSource s : PeerSource.values()) {
            b.append('\n').append(by.getOrDefault(s, 0L)).append("  ").append(s.label());
        }
        return b.toString();
    }

    /** Where notices' cards show, over the screens in the window's corner. */
    VBox toastLayer() {
        return toastLayer;
    }

    /** Shows the startup view until the node is ready; the rail waits for it. */
    void showStartup(Parent startupView) {
        nav.selectToggle(null);
        navButtons.values().forEach(b -> b.setDisable(true));
        content.getChildren().setAll(startupView);
    }

    /** The node is ready: the screens open, starting with {@code first} (null: the caller shows something else). */
    void nodeReady(ScreenContext ctx, ScreenId first) {
        host.attach(ctx);
        navButtons.forEach((id, b) -> b.setDisable(!host.has(id)));
        if (first != null) {
            host.open(first);
        }
    }

    /** Shows a screen that is not on the rail (the first run); no rail button is selected. */
    void showSpecial(Screen screen) {
        nav.selectToggle(null);
        host.show(screen);
    }

    ScreenHost host() {
        return host;
    }

    private void shown(ScreenId id) {
        navButtons.get(id).setSelected(true);
        screenShown.accept(id);
    }

    /** Shows the theme chosen elsewhere (Settings) on the rail's toggle, which applies and saves it. */
    void showDark(boolean dark) {
        darkToggle.setSelected(dark);
    }

    /** Ticks {@code scale} in the rail's text-size menu (chosen there or in Settings). */
    void showScale(double scale) {
        String label = String.format(Locale.ROOT, "%.0f%%", scale * 100);
        for (javafx.scene.control.MenuItem item : scaleMenu.getItems()) {
            if (item instanceof RadioMenuItem r) {
                r.setSelected(r.getText().equals(label));
            }
        }
    }

    /** Reflects the settings read at start in the rail's theme toggle and text-size menu. */
    void showSettings(AppSettings s) {
        darkToggle.setSelected(s.dark());
        ToggleGroup scales = new ToggleGroup();
        for (double scale : AppSettings.UI_SCALES) {
            RadioMenuItem item = new RadioMenuItem(String.format(Locale.ROOT, "%.0f%%", scale * 100));
            item.setToggleGroup(scales);
            item.setSelected(Math.abs(scale - s.uiScale()) < 0.001);
            item.setOnAction(e -> scaleSwitch.accept(scale));
            scaleMenu.getItems().add(item);
        }
    }
}
