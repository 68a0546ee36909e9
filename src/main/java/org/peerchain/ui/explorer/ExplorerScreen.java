package org.peerchain.ui.explorer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * The chain explorer: the newest blocks, the block list, block, transaction and address pages, one search box,
 * the mempool and the chain tips. Reads run on its own loader thread.
 */
public final class ExplorerScreen implements Screen {
    private final ExplorerViewModel model;
    private final ExplorerController controller;
    private final Parent view;

    public ExplorerScreen(ScreenContext ctx) {
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "explorer-loader");
            t.setDaemon(true);
            return t;
        });
        this.model = new ExplorerViewModel(ctx.node(), ctx.dispatcher(), loader);
        this.controller = new ExplorerController(model);
        this.view = Fxml.load("explorer", controller);
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void activate() {
        model.activate();
        controller.activate();
    }

    @Override
    public void deactivate() {
        controller.deactivate();
        model.deactivate();
    }

    /** Opens a height, block hash, transaction id or address, as the search box does (other screens' links). */
    public void explore(String query) {
        model.search(query);
    }

    ExplorerViewModel model() {
        return model;
    }
}
