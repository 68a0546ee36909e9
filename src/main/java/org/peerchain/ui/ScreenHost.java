package org.peerchain.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.peerchain.ui.explorer.ExplorerScreen;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ProgressiveReveal;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.mining.MiningScreen;
import org.peerchain.ui.overview.OverviewScreen;
import org.peerchain.ui.peers.PeersScreen;
import org.peerchain.ui.receive.ReceiveScreen;
import org.peerchain.ui.send.SendScreen;
import org.peerchain.ui.settings.SettingsScreen;
import org.peerchain.ui.transactions.TransactionsScreen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the main window's screens: builds each when it is first opened, shows one at a time, and activates the shown
 * one and deactivates the one it replaces, so hidden screens hold no subscriptions and run no timers.
 *
 * <p>A screen opened for the first time is built off the FX thread (its FXML, classes and controller: up to a tenth
 * of a second on a cold start), with "Opening ..." shown meanwhile, and its parts are then put into the scene one
 * pulse at a time ({@link ProgressiveReveal}), so that their first styling and layout never hold the window still.
 * Styling and layout stay on the FX thread: in JavaFX 21 the controls measure text with one shared text layout
 * (JDK-8347392, fixed in JavaFX 24), so a screen laid out on another thread meanwhile corrupts the window's layout.
 */
final class ScreenHost implements Navigator {
    private static final Logger log = LoggerFactory.getLogger(ScreenHost.class);

    private final StackPane content;
    private final Consumer<ScreenId> shown;
    private final Executor builder;
    private final Executor fxThread;
    private final Map<ScreenId, Function<ScreenContext, Screen>> factories = new EnumMap<>(ScreenId.class);
    private final Map<ScreenId, Screen> built = new EnumMap<>(ScreenId.class);
    /** The screens being built, and what to do with each once it is (an explorer search asked for meanwhile). */
    private final Map<ScreenId, Consumer<Screen>> building = new EnumMap<>(ScreenId.class);
    private final Label opening = new Label();
    private ScreenContext context;
    private ScreenId currentId;
    private Runnable needWallet = () -> { };
    private SettingsScreen.Host settingsHost;
    private Screen special;

    ScreenHost(StackPane content, Consumer<ScreenId> shown) {
        this(content, shown, builderThread(), Platform::runLater);
    }

    /**
     * @param builder where screens are built (one thread: two screens are never built at once)
     * @param fxThread runs work on the FX thread
     */
    ScreenHost(StackPane content, Consumer<ScreenId> shown, Executor builder, Executor fxThread) {
        this.content = content;
        this.shown = shown;
        this.builder = builder;
        this.fxThread = fxThread;
        opening.getStyleClass().add("screen-opening");
        factories.put(ScreenId.OVERVIEW, ctx -> new OverviewScreen(ctx, this::needWallet));
        factories.put(ScreenId.SEND, ctx -> new SendScreen(ctx, this::needWallet));
        factories.put(ScreenId.RECEIVE, ctx -> new ReceiveScreen(ctx, this::needWallet));
        factories.put(ScreenId.TRANSACTIONS, ctx -> new TransactionsScreen(ctx, this::needWallet));
        factories.put(ScreenId.SETTINGS, ctx -> new SettingsScreen(ctx, settingsHost));
        factories.put(ScreenId.MINING, ctx -> new MiningScreen(ctx, this::rememberPayout));
        factories.put(ScreenId.EXPLORER, ExplorerScreen::new);
        factories.put(ScreenId.PEERS, PeersScreen::new);
    }

    void attach(ScreenContext ctx) {
        this.context = ctx;
    }

    /** What "Create or restore a wallet" does on any screen: set by the window once it can show the first run. */
    void onNeedWallet(Runnable action) {
        this.needWallet = action;
    }

    /** What the Settings screen changes in the window; set before the node is ready. */
    void settingsHost(SettingsScreen.Host host) {
        this.settingsHost = host;
    }

    private void rememberPayout(String address) {
        if (settingsHost != null) {
            settingsHost.save(settingsHost.current().withPayoutAddress(address));
        }
    }

    /** The theme or text size changed: the Settings screen, if built, shows the new values. */
    void lookChanged() {
        if (built.get(ScreenId.SETTINGS) instanceof SettingsScreen settings) {
            settings.lookChanged();
        }
    }

    void needWallet() {
        needWallet.run();
    }

    /** Shows a screen outside the rail (the first run) in place of the current one. */
    void show(Screen screen) {
        deactivateShown();
        special = screen;
        content.getChildren().add(screen.view());
        showOnly(screen.view());
        screen.activate();
    }

    /**
     * Shows {@code view} and hides the other screens' views without taking them out of the scene: a view taken out
     * and put back is styled again from scratch, which on a screen of tables cost the FX thread hundreds of
     * milliseconds at every switch. A hidden view is neither laid out nor drawn (and its screen is deactivated).
     */
    private void showOnly(javafx.scene.Node view) {
        // what the window put there before the screens (the startup view) goes for good, and so does "Opening ..."
        content.getChildren().removeIf(n -> n != view && built.values().stream().noneMatch(b -> b.view() == n));
        for (javafx.scene.Node n : content.getChildren()) {
            boolean on = n == view;
            n.setVisible(on);
            n.setManaged(on);
        }
    }

    @Override
    public void open(ScreenId id) {
        if (context == null || id == currentId || !factories.containsKey(id)) {
            return;
        }
        deactivateShown();
        currentId = id;
        shown.accept(id);
        Screen screen = built.get(id);
        if (screen != null) {
            present(screen);
        } else {
            opening.setText("Opening " + id.title() + "\u2026");
            if (!content.getChildren().contains(opening)) {
                content.getChildren().add(opening);
            }
            showOnly(opening);
            build(id, s -> { });
        }
    }

    /** Builds screen {@code id} off the FX thread, then shows it if it is still the one asked for. */
    private void build(ScreenId id, Consumer<Screen> then) {
        Consumer<Screen> pending = building.get(id);
        if (pending != null) {
            building.put(id, pending.andThen(then));
            return;
        }
        building.put(id, then);
        ScreenContext ctx = context;
        Function<ScreenContext, Screen> factory = factories.get(id);
        builder.execute(() -> {
            Screen screen;
            try {
                screen = factory.apply(ctx);
            } catch (RuntimeException e) {
                log.error("the {} screen could not be built", id.title(), e);
                fxThread.execute(() -> failed(id, ctx, e));
                return;
            }
            fxThread.execute(() -> builtNow(id, ctx, screen));
        });
    }

    private void builtNow(ScreenId id, ScreenContext ctx, Screen screen) {
        Consumer<Screen> then = building.remove(id);
        if (context != ctx) {
            return; // the node it was built on has gone meanwhile
        }
        built.put(id, screen);
        if (currentId == id) {
            present(screen);
        }
        then.accept(screen);
    }

    private void failed(ScreenId id, ScreenContext ctx, RuntimeException e) {
        building.remove(id);
        if (context == ctx && currentId == id) {
            opening.setText("The " + id.title() + " screen could not be opened ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "). Choose it again to retry; the log has the details.");
            currentId = null; // choosing it again tries again
        }
    }

    /** Replaces how screen {@code id} is built (tests). */
    void factory(ScreenId id, Function<ScreenContext, Screen> factory) {
        factories.put(id, factory);
    }

    /** The text shown while a screen is built, or why it could not be. */
    String openingText() {
        return opening.getParent() == null ? "" : opening.getText();
    }

    private void present(Screen screen) {
        if (!content.getChildren().contains(screen.view())) {
            ProgressiveReveal.add(content, screen.view());
        }
        showOnly(screen.view());
        screen.activate();
    }

    @Override
    public void explore(String query) {
        open(ScreenId.EXPLORER);
        Screen s = built.get(ScreenId.EXPLORER);
        if (s instanceof ExplorerScreen explorer) {
            explorer.explore(query);
        } else if (context != null) {
            build(ScreenId.EXPLORER, b -> ((ExplorerScreen) b).explore(query));
        }
    }

    /** Whether {@code id} is a screen this window can show. */
    boolean has(ScreenId id) {
        return factories.containsKey(id);
    }

    ScreenId current() {
        return currentId;
    }

    /** The screen {@code id} once built, or null (still being built, or never opened). */
    Screen built(ScreenId id) {
        return built.get(id);
    }

    private static Executor builderThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ui-screen-builder");
            t.setDaemon(true);
            return t;
        });
    }

    private void deactivateShown() {
        if (special != null) {
            special.deactivate();
            content.getChildren().remove(special.view());
            special = null;
        } else if (currentId != null && built.get(currentId) != null) {
            built.get(currentId).deactivate();
        }
        currentId = null;
    }

    /** Deactivates the shown screen (the window is closing). */
    void close() {
        deactivateShown();
    }

    /** Forgets every screen: the node they were built on is going away. */
    void reset() {
        deactivateShown();
        built.values().forEach(screen -> content.getChildren().remove(screen.view()));
        content.getChildren().remove(opening);
        built.clear();
        building.clear();
        context = null;
        needWallet = () -> { };
    }
}
