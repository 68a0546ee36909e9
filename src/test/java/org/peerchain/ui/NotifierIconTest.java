package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.framework.junit5.ApplicationTest;

/** Every kind of notice has its own icon from the window's icon set, styled by the notification's CSS class. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifierIconTest extends ApplicationTest {
    @Override
    public void start(Stage stage) {
        // the toolkit is all this needs
    }

    @Test
    void eachKindResolvesToADistinctIcon() {
        Set<String> seen = new HashSet<>();
        for (Notices.Kind kind : Notices.Kind.values()) {
            FontIcon icon = Notifier.icon(kind); // an unknown icon name throws here
            assertTrue(icon.getStyleClass().contains("notification-icon"), kind.name());
            assertTrue(seen.add(icon.getIconCode().getDescription()), "a second kind with " + icon.getIconCode());
        }
        assertEquals(Notices.Kind.values().length, seen.size());
    }
}
