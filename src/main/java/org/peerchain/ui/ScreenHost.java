package org.peerchain.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.layout.StackPane;
import org.peerchain.ui.explorer.ExplorerScreen;
import org.peerchain.ui.fx.Navigator;
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

/**
 * Holds the main window's screens: builds each when it is first opened, shows one at a time, and activates the shown
 * one and deactivates the one it replaces, so hidden screens hold no subscriptions and run no timers.
 */
final class ScreenHost implements Navigator {
    private final StackPane content;
    private final Consumer<ScreenId> shown;
    private final Map<ScreenId, Function<ScreenContext, Screen>> factories = new EnumMap<>(ScreenId.class);
    private final Map<ScreenId, Screen> built = new EnumMap<>(ScreenId.class);
    private ScreenContext context;
    private ScreenId currentId;
    private Runnable needWallet = () -> { };
    private SettingsScreen.Host settingsHost;
    private Screen special;

    ScreenHost(StackPane content, Consumer<ScreenId> shown) {
        this.content = content;
        this.shown = shown;
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
        // what the window put there before the screens (the startup view) goes for good
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
        Screen screen = built.computeIfAbsent(id, s -> factories.get(s).apply(context));
        if (!content.getChildren().contains(screen.view())) {
            content.getChildren().add(screen.view());
        }
        showOnly(screen.view());
        currentId = id;
        screen.activate();
        shown.accept(id);
    }

    @Override
    public void explore(String query) {
        open(ScreenId.EXPLORER);
        Screen s = built.get(ScreenId.EXPLORER);
        if (s instanceof ExplorerScreen explorer) {
            explorer.explore(query);
        }
    }

    /** Whether {@code id} is a screen this window can show. */
    boolean has(ScreenId id) {
        return factories.containsKey(id);
    }

    ScreenId current() {
        return currentId;
    }

    private void deactivateShown() {
        if (special != null) {
            special.deactivate();
            content.getChildren().remove(special.view());
            special = null;
        } else if (currentId != null) {
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
        built.clear();
        context = null;
        needWallet = () -> { };
    }
}
