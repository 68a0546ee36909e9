package org.peerchain.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.ui.firstrun.FirstRunScreen;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.settings.AppSettings;
import org.peerchain.ui.settings.DesktopLocation;
import org.peerchain.ui.settings.MiningDefaults;
import org.peerchain.ui.settings.NodeStartOptions;
import org.peerchain.ui.settings.SettingsFile;
import org.peerchain.ui.settings.SettingsWriter;
import org.peerchain.ui.settings.SettingsScreen;
import org.peerchain.ui.startup.StartupController;
import org.peerchain.ui.startup.StartupViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop wallet. The window opens at once with the startup view; the node starts on its own thread and the
 * screens open when it is ready. The FX thread never waits on the node. Settings (theme, text size, window, last
 * screen) are read at start and written at each change and at close.
 */
public final class WalletApp extends Application {
    public static final String TITLE = "PeerChain Wallet";
    /** {@code -Dpeerchain.theme=dark} opens the window in the dark theme, whatever the settings say. */
    public static final String THEME_PROPERTY = "peerchain.theme";
    static final double DEFAULT_WIDTH = 1100;
    static final double DEFAULT_HEIGHT = 720;
    static final double MIN_WIDTH = 760;
    static final double MIN_HEIGHT = 520;
    /** AtlantaFX's base font size, which the text-size setting scales. */
    static final double BASE_FONT_PX = 14;
    private static final Logger log = LoggerFactory.getLogger(WalletApp.class);
    private static volatile NodeConfig launchConfig;
    private static volatile NodeStartOptions.CommandLine launchCommandLine;

    private NodeConfig commandLineConfig;
    private NodeStartOptions.CommandLine commandLine;
    private SettingsWriter settingsFile;
    private FxDispatcher dispatcher;
    private StatusBarViewModel status;
    private Notifier notifier;
    private volatile Node node;
    private Path locationBase = DataDirectory.base();
    private AppSettings settings;
    private Stage stage;
    private Parent root;
    private MainController main;

    /** For {@code Application.launch}: takes the configuration set by {@link #setLaunchConfig}. */
    public WalletApp() {
        this(Objects.requireNonNull(launchConfig, "WalletApp launched without a node configuration"),
                settingsPathOf(launchConfig), launchCommandLine);
    }

    /** A window on a node started exactly as {@code config} says (the settings' port, trackers and peers unused). */
    public WalletApp(NodeConfig config) {
        this(config, settingsPathOf(config), null);
    }

    /**
     * @param commandLine what the command line said, merged over the settings' port, trackers, peers and payout
     *     address when the node starts; null: {@code config} alone
     */
    public WalletApp(NodeConfig config, Path settingsPath, NodeStartOptions.CommandLine commandLine) {
        this.commandLineConfig = config;
        this.settingsFile = new SettingsWriter(new SettingsFile(settingsPath));
        this.commandLine = commandLine;
    }

    private static Path settingsPathOf(NodeConfig c) {
        return c.dataDir().resolve(SettingsFile.FILE_NAME);
    }

    /**
     * Where the first run's choice of network and data directory is remembered ({@link DesktopLocation}); the
     * folder above the networks' by default, a temporary one in tests.
     */
    WalletApp locationBase(Path base) {
        this.locationBase = base;
        return this;
    }

    /** The node the window runs, once started (null before); tests read its state through it. */
    Node node() {
        return node;
    }

    static void setLaunchConfig(NodeConfig config, NodeStartOptions.CommandLine commandLine) {
        launchConfig = config;
        launchCommandLine = commandLine;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        SettingsFile.Loaded loaded = settingsFile.file().load();
        settings = loaded.settings();
        String forced = System.getProperty(THEME_PROPERTY);
        if (forced != null && (forced.equalsIgnoreCase(AppSettings.DARK) || forced.equalsIgnoreCase(AppSettings.LIGHT))) {
            settings = settings.withTheme(forced);
        }
        dispatcher = new FxDispatcher();
        status = new StatusBarViewModel(dispatcher);
        main = new MainController(status, this::setDark, this::setScale, this::screenShown);
        root = Fxml.loadFile("/fxml/main.fxml", main);
        applyTheme(settings.dark());
        applyScale(settings.uiScale());
        main.showSettings(settings);
        loaded.problem().ifPresent(status::showMessage);

        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(WalletApp.class.getResource("/fxml/main.css").toExternalForm());
        ScreenId[] order = ScreenId.values();
        for (int i = 0; i < order.length; i++) {
            ScreenId id = order[i];
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> main.host().open(id));
        }
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        placeWindow(stage, settings.window());
        stage.show();

        main.host().settingsHost(new SettingsHost());
        startAutoLock(scene);
        startNode(screenOrOverview(settings.lastScreen()));
    }

    /**
     * Shows the startup view and starts the node on its own thread; when it is ready, the screens open with
     * {@code first}, or the first run when the data directory has no wallet and the user has not chosen to browse
     * without one.
     */
    private void startNode(ScreenId first) {
        StartupViewModel startup = new StartupViewModel(dispatcher);
        main.showStartup(Fxml.load("startup", new StartupController(startup, Platform::exit)));
        AppSettings atStart = settings;
        NodeConfig config = nodeConfig(atStart, status);
        notifier = new Notifier(dispatcher, new Toasts(main.toastLayer(), Notifier.SHOWN_FOR), status::showMessage);
        Notifier notices = notifier;
        Thread starter = new Thread(() -> {
            try {
                Node started = Node.start(config, startup::onLifecycle);
                node = started;
                if (!config.mining().mine()) {
                    MiningDefaults.restore(atStart, started.services().mining()); // --mine on the command line wins
                }
                MiningDefaults.follow(started.services(), dispatcher, () -> settings, this::save);
                status.attach(started.services());
                notices.attach(started.services());
                ScreenContext ctx = new ScreenContext(started.services(), dispatcher, main.host());
                boolean offerFirstRun = !started.services().wallet().state().exists() && !atStart.browseWithoutWallet();
                dispatcher.post(FxDispatcher.key(this, "ready"), () -> {
                    main.host().onNeedWallet(() -> showFirstRun(ctx));
                    main.nodeReady(ctx, offerFirstRun ? null : first);
                    if (offerFirstRun) {
                        showFirstRun(ctx);
                    }
                });
            } catch (NodeStartException e) {
                startup.failed(e.getMessage());
                status.showMessage("The node could not start");
            } catch (RuntimeException e) {
                log.error("The node could not start", e);
                startup.failed("The node could not start: " + e);
                status.showMessage("The node could not start");
            }
        }, "node-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** The welcome: create or restore a wallet, or browse without one; the node syncs behind it. */
    private void showFirstRun(ScreenContext ctx) {
        main.showSpecial(new FirstRunScreen(ctx, new FirstRunScreen.Outcome() {
            @Override
            public void walletReady() {
                save(settings.withBrowseWithoutWallet(false));
                status.showMessage("Your wallet is ready. It is locked: its password unlocks it to send.");
                main.host().open(ScreenId.OVERVIEW);
            }

            @Override
            public void browseWithoutWallet() {
                save(settings.withBrowseWithoutWallet(true));
                main.host().open(screenOrOverview(settings.lastScreen()));
            }

            @Override
            public void relocate(String network, Path dataDir) {
                WalletApp.this.relocate(network, dataDir);
            }

            @Override
            public void trackerJoined(String address) {
                if (!settings.trackers().contains(address)) {
                    List<String> trackers = new ArrayList<>(settings.trackers());
                    trackers.add(address);
                    save(settings.withTrackers(trackers));
                }
            }

            @Override
            public void hostTracker() {
                save(settings.withHostTracker(AppSettings.USUAL_TRACKER_PORT));
            }
        }));
    }

    /**
     * Stops the node and starts one on {@code network} in {@code dataDir} in the same window, keeping the window's
     * look; the choice is remembered ({@link DesktopLocation}) for the next start without {@code --network} or
     * {@code --datadir}. The command line's ports and peers belonged to the old network and are dropped.
     */
    private void relocate(String network, Path dataDir) {
        ChainParams params = ChainParams.forName(network);
        try {
            DesktopLocation.write(locationBase, new DesktopLocation(network, dataDir));
        } catch (IOException e) {
            log.warn("Cannot remember the data directory for the next start: {}", e.getMessage());
        }
        AppSettings look = settings;
        Node old = node;
        node = null;
        notifier.close();
        main.host().reset();
        commandLineConfig = WalletMain.desktopConfig(params, dataDir, params.defaultPort(), PeerOptions.NONE);
        commandLine = NodeStartOptions.CommandLine.NONE;
        settingsFile.flush();
        settingsFile = new SettingsWriter(new SettingsFile(settingsPathOf(commandLineConfig)));
        SettingsFile.Loaded there = settingsFile.file().load();
        settings = there.settings().withTheme(look.theme()).withUiScale(look.uiScale()).withWindow(look.window());
        status.showMessage("Opening " + dataDir + " (" + network + ")");
        Background.run(() -> {
            if (old != null) {
                old.close();
            }
            dispatcher.post(FxDispatcher.key(this, "relocated"), () -> startNode(ScreenId.OVERVIEW));
        });
    }

    /** The command line's configuration with the settings' port, trackers, peers and payout under it. */
    private NodeConfig nodeConfig(AppSettings s, StatusBarViewModel status) {
        if (commandLine == null) {
            return commandLineConfig;
        }
        NodeStartOptions options = NodeStartOptions.merge(s, commandLineConfig.params(), commandLine);
        if (!options.problems().isEmpty()) {
            options.problems().forEach(p -> log.warn("{}", p));
            status.showMessage(options.problems().get(0));
        }
        return options.applyTo(commandLineConfig);
    }

    /** Locks the wallet after the idle time chosen in Settings; any mouse or key input in the window counts. */
    private void startAutoLock(Scene scene) {
        AutoLock autoLock = new AutoLock(() -> settings.autoLockMinutes(), System::currentTimeMillis,
                () -> Background.run(this::lockWallet));
        scene.addEventFilter(InputEvent.ANY, e -> autoLock.touch());
        Timeline checks = new Timeline(new KeyFrame(Duration.millis(AutoLock.CHECK_EVERY_MILLIS), e -> autoLock.check()));
        checks.setCycleCount(Animation.INDEFINITE);
        checks.play();
    }

    private void lockWallet() {
        Node n = node;
        if (n == null || !n.services().wallet().state().loaded() || n.services().wallet().state().locked()) {
            return;
        }
        try {
            n.services().wallet().lock();
            log.info("Wallet locked after {} idle minutes", settings.autoLockMinutes());
        } catch (WalletServiceException e) {
            log.warn("Cannot lock the wallet: {}", e.getMessage());
        }
    }

    /** What the Settings screen changes in the window. */
    private final class SettingsHost implements SettingsScreen.Host {
        @Override
        public AppSettings current() {
            return settings;
        }

        @Override
        public void save(AppSettings next) {
            WalletApp.this.save(next);
        }

        @Override
        public void applyTheme(boolean dark) {
            main.showDark(dark); // the rail's toggle follows, and applies and saves it as a click would
        }

        @Override
        public void applyScale(double scale) {
            setScale(scale);
        }

        @Override
        public void createOrRestoreWallet() {
            main.host().needWallet();
        }
    }

    private static ScreenId screenOrOverview(String name) {
        try {
            return ScreenId.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return ScreenId.OVERVIEW;
        }
    }

    /** Puts the window where it was, if that place is still on a screen; else the default size, centred. */
    private static void placeWindow(Stage stage, AppSettings.WindowGeometry w) {
        if (w == null) {
            stage.setWidth(DEFAULT_WIDTH);
            stage.setHeight(DEFAULT_HEIGHT);
            return;
        }
        stage.setWidth(Math.max(MIN_WIDTH, w.width()));
        stage.setHeight(Math.max(MIN_HEIGHT, w.height()));
        boolean onScreen = !Screen.getScreensForRectangle(w.x(), w.y(), Math.min(w.width(), 100), 40).isEmpty();
        if (onScreen) {
            stage.setX(w.x());
            stage.setY(w.y());
        }
        stage.setMaximized(w.maximized());
    }

    private void setDark(boolean dark) {
        applyTheme(dark);
        save(settings.withTheme(dark ? AppSettings.DARK : AppSettings.LIGHT));
        main.host().lookChanged();
    }

    private void setScale(double scale) {
        applyScale(scale);
        save(settings.withUiScale(scale));
        main.showScale(scale);
        main.host().lookChanged();
    }

    private void screenShown(ScreenId id) {
        save(settings.withLastScreen(id.name()));
    }

    private void applyScale(double scale) {
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * scale));
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void save(AppSettings next) {
        settings = next;
        settingsFile.save(next);
    }

    /** The settings as they stand (tests). */
    AppSettings settings() {
        return settings;
    }

    @Override
    public void stop() {
        if (stage != null) {
            boolean max = stage.isMaximized();
            AppSettings.WindowGeometry w = max && settings.window() != null
                    ? new AppSettings.WindowGeometry(settings.window().x(), settings.window().y(), settings.window().width(),
                            settings.window().height(), true)
                    : new AppSettings.WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), max);
            save(settings.withWindow(w));
        }
        settingsFile.flush();
        if (main != null && main.host() != null) {
            main.host().close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        Node n = node;
        if (n != null) {
            n.requestStop();
        }
    }
}
