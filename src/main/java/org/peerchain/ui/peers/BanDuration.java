package org.peerchain.ui.peers;

import java.time.Duration;

/** The ban times offered on the Peers screen. */
public enum BanDuration {
    HOUR("1 hour", Duration.ofHours(1)),
    DAY("1 day", Duration.ofDays(1)),
    WEEK("1 week", Duration.ofDays(7)),
    MONTH("1 month", Duration.ofDays(30));

    private final String label;
    private final Duration duration;

    BanDuration(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return label;
    }
}
