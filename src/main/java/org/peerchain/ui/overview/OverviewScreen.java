package org.peerchain.ui.overview;

import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/** The overview screen: the node at a glance. */
public final class OverviewScreen implements Screen {
    private final OverviewViewModel model;
    private final Parent view;

    /** @param onNeedWallet opens the first run (create or restore a wallet) */
    public OverviewScreen(ScreenContext ctx, Runnable onNeedWallet) {
        model = new OverviewViewModel(ctx.node(), ctx.dispatcher());
        view = Fxml.load("overview", new OverviewController(model, ctx.navigator(), onNeedWallet));
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
}
