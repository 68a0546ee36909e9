package org.peerchain.p2p;

import java.math.BigInteger;
import org.peerchain.core.Hash;

/**
 * A peer's header branch that so far has no more work than our tip: counted (proof of work checked) without
 * being stored, so that a long cheap branch costs the node constant memory. Once its work passes ours the
 * branch is asked for again from {@link #fork} and stored ({@link #redownloading}), at most {@link #allowance}
 * more headers. Used by the peer's reader thread only.
 */
final class HeaderPresync {
    final Hash fork;
    Hash lastHash;
    long count;
    BigInteger work;
    boolean redownloading;
    long allowance;

    HeaderPresync(Hash fork, Hash lastHash, long count, BigInteger work) {
        this.fork = fork;
        this.lastHash = lastHash;
        this.count = count;
        this.work = work;
    }
}
