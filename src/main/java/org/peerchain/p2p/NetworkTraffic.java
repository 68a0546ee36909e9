package org.peerchain.p2p;

import java.util.concurrent.atomic.AtomicLong;

/** The node's bytes over peer connections since it started, closed connections included. */
final class NetworkTraffic {
    final AtomicLong received = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
}
