package org.peerchain.ui.transactions;

import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * Transactions: the wallet's history in a sortable, filterable table kept live by the wallet's events, labels edited
 * in place, details in the explorer and an export to CSV.
 */
public final class TransactionsScreen implements Screen {
    static final String COMMAND_THREAD = "ui-transactions-commands";

    private final TransactionsViewModel model;
    private final Parent view;

    /** @param onNeedWallet opens the first run, when there is no wallet */
    public TransactionsScreen(ScreenContext ctx, Runnable onNeedWallet) {
        // One thread, so that the history read, labels saved and exports happen in the order asked.
        this.model = new TransactionsViewModel(ctx.node(), ctx.dispatcher(), ctx.navigator(),
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, COMMAND_THREAD);
                    t.setDaemon(true);
                    return t;
                }));
        this.view = Fxml.load("transactions", new TransactionsController(model, onNeedWallet));
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void activate() {
        model.activate();
    }

    @Override
    public void deactivate() {
        model.deactivate();
    }

    TransactionsViewModel model() {
        return model;
    }
}
