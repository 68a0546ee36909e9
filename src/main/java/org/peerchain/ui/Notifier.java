package org.peerchain.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * Shows the {@link Notices} as cards in the window's corner ({@link Toasts}), and repeats each on the status bar,
 * where it stays after the card fades.
 */
final class Notifier implements AutoCloseable {
    static final Duration SHOWN_FOR = Duration.seconds(8);

    private final Notices rules = new Notices();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final FxDispatcher dispatcher;
    private final Toasts toasts;
    private final Consumer<String> statusLine;
    /** Tells, once a second, what the end of a burst left held back. */
    private final Timeline heldBack = new Timeline(new KeyFrame(Duration.seconds(1),
            e -> rules.heldBack(System.currentTimeMillis()).forEach(n -> show(Optional.of(n)))));

    Notifier(FxDispatcher dispatcher, Toasts toasts, Consumer<String> statusLine) {
        this.dispatcher = dispatcher;
        this.toasts = toasts;
        this.statusLine = statusLine;
    }

    void attach(NodeServices node) {
        subscriptions.add(node.subscribe(WalletEvent.TransactionChanged.class,
                e -> show(rules.on(e, System.currentTimeMillis()))));
        subscriptions.add(node.subscribe(NodeEvent.FoundBlocks.class, e -> show(rules.on(e, System.currentTimeMillis()))));
        subscriptions.add(node.subscribe(NodeEvent.Peers.class, e -> show(rules.on(e, System.currentTimeMillis()))));
        Background.run(() -> rules.startFoundCount(node.mining().foundBlockTotal()));
        heldBack.setCycleCount(Animation.INDEFINITE);
        heldBack.play();
    }

    private void show(Optional<Notices.Notice> notice) {
        // one key per notice kind: two kinds in a burst both show; the rules already space out one kind
        notice.ifPresent(n -> dispatcher.post(FxDispatcher.key(this, n.kind().name()), () -> {
            statusLine.accept(n.title() + ": " + n.text());
            toasts.show(Toasts.card(n.title(), n.text(), icon(n.kind())));
        }));
    }

    /** The icon of a kind of notice, from the set the window's rail uses. */
    static FontIcon icon(Notices.Kind kind) {
        FontIcon icon = new FontIcon(switch (kind) {
            case PAYMENT -> "mdi2c-cash-plus";
            case BLOCK_FOUND -> "mdi2p-pickaxe";
            case PEERS_LOST -> "mdi2l-lan-disconnect";
        });
        icon.getStyleClass().add("notification-icon");
        return icon;
    }

    @Override
    public void close() {
        heldBack.stop();
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
