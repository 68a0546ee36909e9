package org.peerchain.wallet;

import javax.security.auth.Destroyable;
import org.peerchain.core.Address;
import org.peerchain.core.Ed25519Keys;

/**
 * The wallet's keys, derived deterministically from the seed: key {@link KeyPath} {@code (c, i)} is the
 * SLIP-0010 Ed25519 node m/44'/7777'/0'/c'/i'. The same seed always gives the same keys, so the recovery
 * phrase restores them all. Holds the two chain nodes (receive, change) and wipes them on {@link #destroy()},
 * after which every call says the wallet is locked.
 */
public final class KeyChain implements Destroyable, AutoCloseable {
    private final Slip10.Node receiveChain;
    private final Slip10.Node changeChain;
    private volatile boolean destroyed;

    private KeyChain(Slip10.Node receiveChain, Slip10.Node changeChain) {
        this.receiveChain = receiveChain;
        this.changeChain = changeChain;
    }

    /** The key chain of a BIP39 seed (the seed array is not kept). */
    public static KeyChain fromSeed(byte[] seed) {
        Slip10.Node master = Slip10.master(seed);
        Slip10.Node account = master.derivePath(KeyPath.PURPOSE, KeyPath.COIN_TYPE, KeyPath.ACCOUNT);
        master.destroy();
        KeyChain chain = new KeyChain(account.deriveHardened(KeyPath.RECEIVE), account.deriveHardened(KeyPath.CHANGE));
        account.destroy();
        return chain;
    }

    /** The key pair at {@code path}. Its private key is a copy the caller should wipe when done. */
    public Ed25519Keys.KeyPair keyPair(KeyPath path) {
        if (destroyed) {
            throw new WalletLockedException();
        }
        Slip10.Node parent = path.chain() == KeyPath.RECEIVE ? receiveChain : changeChain;
        Slip10.Node node = parent.deriveHardened(path.index());
        byte[] priv = node.privateKey();
        node.destroy();
        try {
            return Ed25519Keys.fromPrivateKey(priv);
        } finally {
            java.util.Arrays.fill(priv, (byte) 0);
        }
    }

    public byte[] publicKey(KeyPath path) {
        Ed25519Keys.KeyPair pair = keyPair(path);
        java.util.Arrays.fill(pair.privateKey(), (byte) 0);
        return pair.publicKey();
    }

    /** The address of the key at {@code path} on the network whose address prefix is {@code prefix}. */
    public Address address(int prefix, KeyPath path) {
        return Address.ofPublicKey(prefix, publicKey(path));
    }

    @Override
    public void destroy() {
        destroyed = true;
        receiveChain.destroy();
        changeChain.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "KeyChain[m/" + KeyPath.PURPOSE + "'/" + KeyPath.COIN_TYPE + "'/" + KeyPath.ACCOUNT + "', keys hidden"
                + (destroyed ? ", wiped" : "") + "]";
    }
}
