package org.peerchain.p2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.Message;

/**
 * A node's identity key: a static Ed25519 key kept in the data directory ({@value #FILE_NAME}, readable by its owner
 * only). The node id is derived from its public key (the first {@value NodeIdentity#NODE_ID_BYTES} bytes of its
 * SHA-256), and every handshake proves possession by signing the other side's fresh challenge, so an id can no longer
 * be claimed by whoever says it first: a stranger cannot pose as one of our peers to displace it.
 */
public final class NodeKey {
    public static final String FILE_NAME = "node.key";
    /** Bytes of a handshake challenge (hex on the wire). */
    public static final int CHALLENGE_BYTES = 32;
    private static final String PROOF_DOMAIN = "peerchain node handshake v2";
    private static final String ANNOUNCE_DOMAIN = "peerchain tracker announce v2";
    /** How far an announce's time may be from the tracker's clock (either way) before its proof is refused. */
    public static final long ANNOUNCE_CLOCK_SKEW_SECONDS = 600;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Ed25519Keys.KeyPair pair;
    private final String nodeId;
    private final String publicKeyHex;

    private NodeKey(Ed25519Keys.KeyPair pair) {
        this.pair = pair;
        this.publicKeyHex = HEX.formatHex(pair.publicKey());
        this.nodeId = idOf(pair.publicKey());
    }

    /** A new key held in memory only (tests, a tracker's pinger that keeps none). */
    public static NodeKey generate() {
        return new NodeKey(Ed25519Keys.generate(RANDOM));
    }

    /** The key whose 32-byte seed is {@code seedHex}. */
    public static NodeKey fromSeed(String seedHex) {
        return new NodeKey(Ed25519Keys.fromPrivateKey(HEX.parseHex(seedHex)));
    }

    /** The 32-byte seed as hex, for a store that keeps it. */
    public String seedHex() {
        return HEX.formatHex(pair.privateKey());
    }

    /**
     * The key in {@code file}, made and written there (owner read and write only where the file system allows) when
     * there is none yet.
     *
     * @throws IOException the file cannot be read or written, or does not hold a key (named in the message)
     */
    public static NodeKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!text.matches("[0-9a-f]{" + 2 * Ed25519Keys.PRIVATE_KEY_SIZE + "}")) {
                throw new IOException(file + " does not hold a node key (64 lower-case hex digits); move it away and"
                        + " a new key, and so a new node id, is made at the next start");
            }
            return fromSeed(text);
        }
        NodeKey key = generate();
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + tmp + ": it appeared while the key was made", e);
        }
        Files.writeString(tmp, key.seedHex() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
        return key;
    }

    /** The node id a public key stands for. */
    public static String idOf(byte[] publicKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return HEX.formatHex(h, 0, NodeIdentity.NODE_ID_BYTES);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public String publicKeyHex() {
        return publicKeyHex;
    }

    /** A fresh challenge for the other side of a handshake to sign. */
    public static String challenge() {
        byte[] b = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /**
     * The proof, for the side whose id is {@code otherId} and who sent {@code otherChallenge}, that this node holds
     * its key: a signature over the network, both ids and the challenge, so it proves nothing on another connection.
     */
    public String prove(String network, String otherId, String otherChallenge) {
        return HEX.formatHex(Ed25519Keys.sign(pair, proofMessage(network, nodeId, otherId, otherChallenge)));
    }

    /**
     * Why {@code proof} does not show that the side which sent {@code theirs} holds the key of the id it claims, or
     * null when it does. {@code myId} and {@code myChallenge} are what this side sent.
     */
    public static String checkProof(String network, String theirNodeId, String theirKeyHex, String myId,
                                    String myChallenge, String proof) {
        byte[] key;
        byte[] sig;
        try {
            key = HEX.parseHex(theirKeyHex);
            sig = HEX.parseHex(proof);
        } catch (IllegalArgumentException e) {
            return "the node key or proof is not hex";
        }
        if (key.length != Ed25519Keys.PUBLIC_KEY_SIZE || !idOf(key).equals(theirNodeId)) {
            return "node id " + theirNodeId + " is not the id of the node key it sent";
        }
        if (!Ed25519Keys.verify(key, proofMessage(network, theirNodeId, myId, myChallenge), sig)) {
            return "the proof is not a signature of our challenge by node " + theirNodeId + "'s key";
        }
        return null;
    }

    /** The proof in an announce: a signature over the network, our id, our listen port and the time. */
    public String proveAnnounce(String network, int port, long time) {
        return HEX.formatHex(Ed25519Keys.sign(pair, announceMessage(network, nodeId, port, time)));
    }

    /**
     * Why {@code a} does not prove that its sender holds the key of the node id it announces, within
     * {@link #ANNOUNCE_CLOCK_SKEW_SECONDS} of {@code nowSeconds}, or null when it does.
     */
    public static String checkAnnounce(Message.Announce a, long nowSeconds) {
        if (a.nodeKey().isEmpty() || a.proof().isEmpty()) {
            return "the announce carries no node key or no proof of it";
        }
        if (Math.abs(a.time() - nowSeconds) > ANNOUNCE_CLOCK_SKEW_SECONDS) {
            return "the announce's time " + a.time() + " is more than " + ANNOUNCE_CLOCK_SKEW_SECONDS
                    + " s from the tracker's " + nowSeconds + " (check the clock)";
        }
        byte[] key;
        byte[] sig;
        try {
            key = HEX.parseHex(a.nodeKey());
            sig = HEX.parseHex(a.proof());
        } catch (IllegalArgumentException e) {
            return "the node key or proof is not hex";
        }
        if (key.length != Ed25519Keys.PUBLIC_KEY_SIZE || !idOf(key).equals(a.nodeId())) {
            return "node id " + a.nodeId() + " is not the id of the node key it sent";
        }
        if (!Ed25519Keys.verify(key, announceMessage(a.network(), a.nodeId(), a.port(), a.time()), sig)) {
            return "the proof is not node " + a.nodeId() + "'s signature of this announce";
        }
        return null;
    }

    private static Hash announceMessage(String network, String nodeId, int port, long time) {
        return Hash.sha256d((ANNOUNCE_DOMAIN + "\n" + network + "\n" + nodeId + "\n" + port + "\n" + time)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Hash proofMessage(String network, String signerId, String otherId, String challenge) {
        return Hash.sha256d((PROOF_DOMAIN + "\n" + network + "\n" + signerId + "\n" + otherId + "\n" + challenge)
                .getBytes(StandardCharsets.UTF_8));
    }
}
