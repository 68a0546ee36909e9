package org.peerchain.ui.firstrun;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * The first run, shown while the data directory has no wallet: create one (24 words shown once, then confirmed),
 * restore one from its words (with the scan of the chain), or browse without one; and under "Advanced" the network
 * and data directory. The node runs and syncs behind it the whole time. Calls to the wallet and the disk run on the
 * screen's own command thread.
 */
public final class FirstRunScreen implements Screen {
    static final String COMMAND_THREAD = "ui-firstrun-commands";

    /** What the user chose; the main window acts on it. Called on the FX thread. */
    public interface Outcome {
        /** A wallet was created (its words confirmed) or restored (its scan done); it is open and locked. */
        void walletReady();

        /** The user goes on without a wallet: the explorer and mining work; mining asks for a payout address. */
        void browseWithoutWallet();

        /**
         * The user chose another network or data directory (checked: a directory that is or can be made, and
         * written): restart the node there.
         *
         * @param network main, test or regtest
         */
        void relocate(String network, Path dataDir);

        /** A tracker answered at {@code address} and the node announces to it: keep it for the next starts. */
        void trackerJoined(String address);

        /** The user chose to host a tracker: run one from the next start. */
        void hostTracker();
    }

    private final FirstRunViewModel model;
    private final CreateWalletViewModel create;
    private final RestoreWalletViewModel restore;
    private final Parent view;

    public FirstRunScreen(ScreenContext ctx, Outcome outcome) {
        ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, COMMAND_THREAD);
            t.setDaemon(true);
            return t;
        });
        this.model = new FirstRunViewModel(ctx.node(), ctx.dispatcher(), commands, outcome);
        this.create = new CreateWalletViewModel(ctx.node().wallet(), ctx.dispatcher(), commands, new SecureRandom(),
                outcome::walletReady);
        this.restore = new RestoreWalletViewModel(ctx.node(), ctx.dispatcher(), commands, outcome::walletReady);
        this.view = Fxml.load("firstrun", new FirstRunController(model, create, restore));
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void activate() {
        model.activate();
        restore.activate();
    }

    @Override
    public void deactivate() {
        model.deactivate();
        restore.deactivate();
    }

    FirstRunViewModel model() {
        return model;
    }

    CreateWalletViewModel create() {
        return create;
    }

    RestoreWalletViewModel restore() {
        return restore;
    }
}
