package org.peerchain.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the {@link Notices} as ControlsFX notifications in the window's corner, and repeats each on the status bar,
 * where it stays after the notification fades.
 */
final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration SHOWN_FOR = Duration.seconds(8);
    /**
     * What the first pop-up loads: loaded and initialised off the FX thread when the window attaches to its node, they
     * no longer hold the window still at the first notice (a few tens of milliseconds on a cold start).
     */
    static final List<String> POPUP_CLASSES = List.of("org.controlsfx.control.Notifications",
            "org.controlsfx.control.Notifications$NotificationPopupHandler",
            "org.controlsfx.control.Notifications$NotificationPopupHandler$CustomTransition",
            "impl.org.controlsfx.skin.NotificationBar", "org.controlsfx.control.action.ActionUtils",
            "org.controlsfx.control.action.Action", "javafx.stage.Popup", "javafx.animation.ParallelTransition",
            "javafx.scene.control.ButtonBar", "javafx.scene.control.skin.ButtonBarSkin",
            "javafx.scene.control.Hyperlink", "javafx.scene.control.CheckMenuItem", "javafx.scene.control.RadioButton");

    private final Notices rules = new Notices();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final FxDispatcher dispatcher;
    private final Window owner;
    private final Consumer<String> statusLine;
    /** Tells, once a second, what the end of a burst left held back. */
    private final Timeline heldBack = new Timeline(new KeyFrame(Duration.seconds(1),
            e -> rules.heldBack(System.currentTimeMillis()).forEach(n -> show(Optional.of(n)))));

    Notifier(FxDispatcher dispatcher, Window owner, Consumer<String> statusLine) {
        this.dispatcher = dispatcher;
        this.owner = owner;
        this.statusLine = statusLine;
    }

    void attach(NodeServices node) {
        subscriptions.add(node.subscribe(WalletEvent.TransactionChanged.class,
                e -> show(rules.on(e, System.currentTimeMillis()))));
        subscriptions.add(node.subscribe(NodeEvent.FoundBlocks.class, e -> show(rules.on(e, System.currentTimeMillis()))));
        subscriptions.add(node.subscribe(NodeEvent.Peers.class, e -> show(rules.on(e, System.currentTimeMillis()))));
        Background.run(() -> rules.startFoundCount(node.mining().foundBlockTotal()));
        Background.run(Notifier::loadPopupClasses);
        heldBack.setCycleCount(Animation.INDEFINITE);
        heldBack.play();
    }

    private void show(Optional<Notices.Notice> notice) {
        // one key per notice kind: two kinds in a burst both show; the rules already space out one kind
        notice.ifPresent(n -> dispatcher.post(FxDispatcher.key(this, n.kind().name()), () -> {
            statusLine.accept(n.title() + ": " + n.text());
            if (owner.isShowing()) {
                Notifications.create().owner(owner).title(n.title()).text(wrap(n.text())).graphic(icon(n.kind()))
                        .hideAfter(SHOWN_FOR).show();
            }
        }));
    }

    /** Loads and initialises {@link #POPUP_CLASSES}; returns how many there were (a missing one is logged). */
    static int loadPopupClasses() {
        int loaded = 0;
        for (String name : POPUP_CLASSES) {
            try {
                Class.forName(name, true, Notifier.class.getClassLoader());
                loaded++;
            } catch (ClassNotFoundException e) {
                log.debug("no class {} to load ahead", name);
            }
        }
        return loaded;
    }

    /** The icon of a kind of notice, from the set the window's rail uses (ControlsFX's own is a dated blue "i"). */
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

    /** Longest line of a notification: ControlsFX sizes the popup to its text, which a long line stretches past the window. */
    static final int LINE_CHARS = 64;

    /** {@code text} with line breaks between words, no line longer than {@link #LINE_CHARS} (unless a word is). */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > LINE_CHARS) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }
}
