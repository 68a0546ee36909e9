package org.peerchain.ui.settings;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * Settings: network and connection (trackers with a test, listen port, fixed peers), mining defaults, appearance and
 * the wallet (password, backup, recovery words, automatic lock). Every change is saved through the {@link Host} and
 * either applied at once or said to take effect at the next start. Calls into the node run on the screen's own
 * command thread.
 */
public final class SettingsScreen implements Screen {
    static final String COMMAND_THREAD = "ui-settings-commands";

    /**
     * What the screen needs from the window that holds it (the lead's {@code WalletApp}). All methods are called on
     * the FX thread.
     */
    public interface Host {
        /** The settings as they stand now. */
        AppSettings current();

        /** Makes {@code next} the settings and writes them to the settings file. */
        void save(AppSettings next);

        /** Switches the window to the dark ({@code true}) or light theme now. */
        void applyTheme(boolean dark);

        /** Scales the window's text now; 1.0 is 100%. */
        void applyScale(double scale);

        /** Opens the first run (create or restore a wallet), for a node without a wallet. */
        void createOrRestoreWallet();
    }

    private final SettingsViewModel model;
    private final WalletSettingsViewModel walletModel;
    private final Parent view;

    public SettingsScreen(ScreenContext ctx, Host host) {
        ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, COMMAND_THREAD);
            t.setDaemon(true);
            return t;
        });
        this.model = new SettingsViewModel(ctx.node(), ctx.dispatcher(), host, commands);
        this.walletModel = new WalletSettingsViewModel(ctx.node(), ctx.dispatcher(), host, commands);
        this.view = Fxml.load("settings", new SettingsController(model, walletModel));
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void activate() {
        model.activate();
        walletModel.activate();
    }

    /** The theme or text size was changed on the rail. */
    public void lookChanged() {
        model.lookChanged();
    }

    @Override
    public void deactivate() {
        walletModel.deactivate();
    }

    SettingsViewModel model() {
        return model;
    }

    WalletSettingsViewModel walletModel() {
        return walletModel;
    }
}
