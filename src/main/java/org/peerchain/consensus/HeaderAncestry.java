package org.peerchain.consensus;

/**
 * The branch of headers that a new block would extend, read by height: {@link #height()} is the
 * height of its tip (the new block's parent), and every height from 0 to it can be read.
 */
public interface HeaderAncestry {
    int height();

    long timeAt(int height);

    long bitsAt(int height);
}
