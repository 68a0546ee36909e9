package org.peerchain.consensus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.MerkleTree;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/**
 * Everything that differs between networks: genesis block, proof-of-work limits and retargeting, reward
 * schedule, size limits, ports and the address prefix. The three networks are constants; a node runs
 * exactly one and every handshake checks {@link #networkId()}.
 */
public final class ChainParams {
    /** The target that difficulty 1 stands for on every network. */
    public static final long DIFFICULTY_ONE_BITS = 0x1f00ffffL;
    public static final int MEDIAN_TIME_SPAN = 11;
    public static final long MAX_FUTURE_BLOCK_TIME_SECONDS = 2 * 60 * 60;
    /** BIP94: the first block of a retarget window may not be more than this before its parent. */
    public static final long MAX_TIMEWARP_SECONDS = 600;
    public static final int MAX_BLOCK_SIZE = 1_000_000;
    public static final int MAX_TX_SIZE = 100_000;
    public static final int COINBASE_MATURITY = 100;
    public static final long INITIAL_SUBSIDY = Amount.coins(50);
    public static final long MAX_MONEY = Amount.coins(21_000_000);
    public static final int BLOCK_VERSION = 1;
    /** Retargeting never moves the target by more than this factor in one step. */
    public static final int RETARGET_CLAMP = 4;
    static final String GENESIS_MESSAGE = "PeerChain genesis 2026-11-27: blocks that outlive the process";

    public static final ChainParams MAIN = new ChainParams("main", "peerchain-main", 0x37, 8633, 8632,
            0x1f00ffffL, 0x1e00ffffL, 1_795_737_600L, 39_629_210L, 60, 60, false, 210_000);
    public static final ChainParams TEST = new ChainParams("test", "peerchain-test", 0x7f, 18633, 18632,
            0x1f00ffffL, 0x1f00ffffL, 1_795_737_601L, 20_296L, 30, 60, false, 210_000);
    public static final ChainParams REGTEST = new ChainParams("regtest", "peerchain-regtest", 0x7f, 28633, 28632,
            0x207fffffL, 0x207fffffL, 1_795_737_602L, 0L, 1, 60, true, 150);

    private final String name;
    private final String networkId;
    private final int addressPrefix;
    private final int defaultPort;
    private final int defaultRpcPort;
    private final long powLimitBits;
    private final java.math.BigInteger powLimit;
    private final int targetSpacingSeconds;
    private final int retargetInterval;
    private final boolean noRetargeting;
    private final int halvingInterval;
    private final Block genesis;

    private ChainParams(String name, String networkId, int addressPrefix, int defaultPort, int defaultRpcPort,
            long powLimitBits, long genesisBits, long genesisTime, long genesisNonce, int targetSpacingSeconds,
            int retargetInterval, boolean noRetargeting, int halvingInterval) {
        this.name = name;
        this.networkId = networkId;
        this.addressPrefix = addressPrefix;
        this.defaultPort = defaultPort;
        this.defaultRpcPort = defaultRpcPort;
        this.powLimitBits = powLimitBits;
        this.powLimit = CompactTarget.decode(powLimitBits);
        this.targetSpacingSeconds = targetSpacingSeconds;
        this.retargetInterval = retargetInterval;
        this.noRetargeting = noRetargeting;
        this.halvingInterval = halvingInterval;
        this.genesis = buildGenesis(networkId, genesisTime, genesisBits, genesisNonce);
    }

    /** The genesis block: its coinbase pays an unspendable key hash, so its coins never enter the UTXO set. */
    static Block buildGenesis(String networkId, long time, long bits, long nonce) {
        byte[] message = (GENESIS_MESSAGE + " [" + networkId + "]").getBytes(StandardCharsets.UTF_8);
        byte[] data = new CanonicalWriter().u32(0).raw(message).toByteArray();
        Transaction coinbase = new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(data)),
                List.of(new TxOutput(INITIAL_SUBSIDY, KeyHash.wrap(new byte[KeyHash.LENGTH]))));
        Hash merkle = MerkleTree.root(List.of(coinbase.txid()));
        return new Block(new BlockHeader(BLOCK_VERSION, Hash.ZERO, merkle, time, bits, nonce), List.of(coinbase));
    }

    public static ChainParams forName(String name) {
        return switch (name) {
            case "main" -> MAIN;
            case "test" -> TEST;
            case "regtest" -> REGTEST;
            default -> throw new IllegalArgumentException(
                    "unknown network '" + name + "': choose main, test or regtest");
        };
    }

    public String name() {
        return name;
    }

    public String networkId() {
        return networkId;
    }

    public int addressPrefix() {
        return addressPrefix;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public int defaultRpcPort() {
        return defaultRpcPort;
    }

    public long powLimitBits() {
        return powLimitBits;
    }

    public java.math.BigInteger powLimit() {
        return powLimit;
    }

    public int targetSpacingSeconds() {
        return targetSpacingSeconds;
    }

    public int retargetInterval() {
        return retargetInterval;
    }

    public boolean noRetargeting() {
        return noRetargeting;
    }

    public int halvingInterval() {
        return halvingInterval;
    }

    public Block genesis() {
        return genesis;
    }

    public Hash genesisHash() {
        return genesis.hash();
    }

    /** The block reward at {@code height}: 50 coins, halved every {@link #halvingInterval()} blocks. */
    public long subsidy(int height) {
        int halvings = height / halvingInterval;
        return halvings >= 63 ? 0 : INITIAL_SUBSIDY >> halvings;
    }

    @Override
    public String toString() {
        return name;
    }
}
