package org.peerchain.wallet;

/**
 * Where a wallet key sits in the tree: m/44'/7777'/0'/chain'/index', every step hardened (SLIP-0010 Ed25519).
 * Chain 0 holds receive addresses, chain 1 change addresses.
 */
public record KeyPath(int chain, int index) implements Comparable<KeyPath> {
    public static final int PURPOSE = 44;
    public static final int COIN_TYPE = 7777;
    public static final int ACCOUNT = 0;
    public static final int RECEIVE = 0;
    public static final int CHANGE = 1;

    public KeyPath {
        if (chain != RECEIVE && chain != CHANGE) {
            throw new IllegalArgumentException("key chain " + chain + " is neither receive (0) nor change (1)");
        }
        if (index < 0) {
            throw new IllegalArgumentException("key index " + index + " is negative");
        }
    }

    public static KeyPath receive(int index) {
        return new KeyPath(RECEIVE, index);
    }

    public static KeyPath change(int index) {
        return new KeyPath(CHANGE, index);
    }

    @Override
    public int compareTo(KeyPath o) {
        return chain != o.chain ? Integer.compare(chain, o.chain) : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return "m/" + PURPOSE + "'/" + COIN_TYPE + "'/" + ACCOUNT + "'/" + chain + "'/" + index + "'";
    }
}
