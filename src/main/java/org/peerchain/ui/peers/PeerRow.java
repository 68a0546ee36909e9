package org.peerchain.ui.peers;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;

/**
 * One row of the peers table. The row lives as long as the connection; each snapshot updates its numbers in place,
 * so the table keeps its selection and scroll position.
 */
public final class PeerRow {
    private final long id;
    private final String address;
    private final String host;
    private final boolean inbound;
    private final PeerSource source;
    private final IntegerProperty protocolVersion = new SimpleIntegerProperty();
    private final LongProperty height = new SimpleLongProperty();
    private final DoubleProperty pingMillis = new SimpleDoubleProperty(-1);
    private final LongProperty bytesReceived = new SimpleLongProperty();
    private final LongProperty bytesSent = new SimpleLongProperty();
    private final LongProperty connectedSeconds = new SimpleLongProperty();
    private final IntegerProperty misbehaviour = new SimpleIntegerProperty();

    PeerRow(PeerStats first, long nowMillis) {
        this.id = first.id();
        this.address = first.address();
        this.host = first.host();
        this.inbound = first.inbound();
        this.source = first.source();
        update(first, nowMillis);
    }

    void update(PeerStats s, long nowMillis) {
        protocolVersion.set(s.protocolVersion());
        height.set(s.height());
        pingMillis.set(s.pingMillis());
        bytesReceived.set(s.bytesReceived());
        bytesSent.set(s.bytesSent());
        connectedSeconds.set(Math.max(0, (nowMillis - s.connectedAtMillis()) / 1000));
        misbehaviour.set(s.misbehaviour());
    }

    public long id() {
        return id;
    }

    public String address() {
        return address;
    }

    /** The IP address a ban takes. */
    public String host() {
        return host;
    }

    public boolean inbound() {
        return inbound;
    }

    public String direction() {
        return inbound ? "in" : "out";
    }

    public PeerSource source() {
        return source;
    }

    public ReadOnlyIntegerProperty protocolVersionProperty() {
        return protocolVersion;
    }

    public ReadOnlyLongProperty heightProperty() {
        return height;
    }

    public ReadOnlyDoubleProperty pingMillisProperty() {
        return pingMillis;
    }

    public ReadOnlyLongProperty bytesReceivedProperty() {
        return bytesReceived;
    }

    public ReadOnlyLongProperty bytesSentProperty() {
        return bytesSent;
    }

    public ReadOnlyLongProperty connectedSecondsProperty() {
        return connectedSeconds;
    }

    public ReadOnlyIntegerProperty misbehaviourProperty() {
        return misbehaviour;
    }
}
