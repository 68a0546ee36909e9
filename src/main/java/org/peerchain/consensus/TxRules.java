package org.peerchain.consensus;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/** Transaction rules, each a small named check that rejects with a stable reason code. */
public final class TxRules {
    public static final int MIN_COINBASE_DATA = 4;
    public static final int MAX_COINBASE_DATA = 100;

    private TxRules() {
    }

    /** Checks that need nothing but the transaction itself. */
    public static void checkTransaction(Transaction tx) throws ValidationException {
        if (tx.inputs().isEmpty()) {
            throw new ValidationException("bad-txns-vin-empty", "the transaction has no inputs");
        }
        if (tx.outputs().isEmpty()) {
            throw new ValidationException("bad-txns-vout-empty", "the transaction has no outputs");
        }
        if (tx.size() > ChainParams.MAX_TX_SIZE) {
            throw new ValidationException("bad-txns-oversize",
                    tx.size() + " bytes is over the limit of " + ChainParams.MAX_TX_SIZE);
        }
        if (tx.version() != Transaction.CURRENT_VERSION) {
            throw new ValidationException("bad-txns-version", "version " + tx.version() + " is not 1");
        }
        long total = 0;
        for (TxOutput out : tx.outputs()) {
            if (out.amount() < 0) {
                throw new ValidationException("bad-txns-vout-negative", "an output pays " + out.amount());
            }
            if (out.amount() > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-vout-toolarge", "an output pays more than the coin supply");
            }
            total += out.amount();
            if (total > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-txouttotal-toolarge", "outputs add up to more than the coin supply");
            }
        }
        Set<OutPoint> spent = new HashSet<>();
        for (TxInput in : tx.inputs()) {
            if (!spent.add(in.prevout())) {
                throw new ValidationException("bad-txns-inputs-duplicate", "spends " + in.prevout() + " twice");
            }
        }
        if (tx.isCoinbase()) {
            int length = tx.inputs().get(0).coinbaseData().length;
            if (length < MIN_COINBASE_DATA || length > MAX_COINBASE_DATA) {
                throw new ValidationException("bad-cb-length", "coinbase data of " + length + " bytes is outside "
                        + MIN_COINBASE_DATA + ".." + MAX_COINBASE_DATA);
            }
            if (tx.inputs().get(0).publicKey().length != 0) {
                throw new ValidationException("bad-cb-pubkey", "a coinbase input carries no public key");
            }
        } else {
            for (TxInput in : tx.inputs()) {
                if (in.prevout().isNull()) {
                    throw new ValidationException("bad-txns-prevout-null", "a non-coinbase input spends nothing");
                }
                if (in.publicKey().length != Ed25519Keys.PUBLIC_KEY_SIZE) {
                    throw new ValidationException("bad-txns-pubkey-size",
                            "a public key of " + in.publicKey().length + " bytes, expected 32");
                }
                if (in.signature().length != Ed25519Keys.SIGNATURE_SIZE) {
                    throw new ValidationException("bad-txns-sig-size",
                            "a signature of " + in.signature().length + " bytes, expected 64");
                }
            }
        }
    }

    /**
     * Checks the inputs of a non-coinbase transaction against the coins they spend, and returns its fee.
     * Signatures are checked separately ({@link #checkSignatures}, {@link SignatureVerifier}), so that they can run in parallel.
     *
     * @param spendHeight the height of the block the transaction is (or would be) in
     */
    public static long checkInputs(Transaction tx, UtxoView coins, int spendHeight) throws ValidationException {
        long in = 0;
        for (TxInput input : tx.inputs()) {
            Coin coin = coins.coin(input.prevout());
            if (coin == null) {
                throw new ValidationException("bad-txns-inputs-missingorspent",
                        "input " + input.prevout() + " does not exist or is already spent");
            }
            if (coin.coinbase() && spendHeight - coin.height() < ChainParams.COINBASE_MATURITY) {
                throw new ValidationException("bad-txns-premature-spend-of-coinbase", "a coinbase output from height "
                        + coin.height() + " spent at height " + spendHeight + ", before "
                        + ChainParams.COINBASE_MATURITY + " confirmations");
            }
            if (!KeyHash.of(input.publicKey()).equals(coin.output().keyHash())) {
                throw new ValidationException("bad-txns-key-mismatch",
                        "input " + input.prevout() + " gives a public key that is not the one the output pays");
            }
            long amount = coin.output().amount();
            // Each coin is range-checked before it is added, so the sum can never wrap around.
            if (amount < 0 || amount > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-inputvalues-outofrange",
                        "input " + input.prevout() + " holds " + amount + ", outside the coin supply");
            }
            in += amount;
            if (in > ChainParams.MAX_MONEY) {
                throw new ValidationException("bad-txns-inputvalues-outofrange", "inputs add up to more than the coin supply");
            }
        }
        long out = tx.totalOutput();
        if (in < out) {
            throw new ValidationException("bad-txns-in-belowout",
                    "inputs of " + in + " are less than outputs of " + out);
        }
        return in - out;
    }

    /** Verifies every input's signature over the transaction's sighash, one after another. */
    public static void checkSignatures(Transaction tx) throws ValidationException {
        checkSignatures(tx, new LongAdder());
    }

    /**
     * As {@link #checkSignatures(Transaction)}, adding one to {@code verifications} for each Ed25519 verification
     * run: what checking the transaction cost. Every input signs the same message, and Ed25519 signing and
     * verifying are deterministic, so an input with the same key and signature as one already verified is valid
     * without a second verification (a wallet spending several coins of one key makes exactly that).
     */
    public static void checkSignatures(Transaction tx, LongAdder verifications) throws ValidationException {
        org.peerchain.core.Hash sigHash = tx.sigHash();
        Set<ByteBuffer> verified = new HashSet<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput in = tx.inputs().get(i);
            byte[] key = in.publicKey();
            byte[] signature = in.signature();
            ByteBuffer keyAndSignature = ByteBuffer.allocate(key.length + signature.length).put(key).put(signature).flip();
            if (verified.contains(keyAndSignature)) {
                continue;
            }
            verifications.increment();
            if (!Ed25519Keys.verify(key, sigHash, signature)) {
                throw new ValidationException("bad-sig", "input " + i + " of " + tx.txid() + " has an invalid signature");
            }
            verified.add(keyAndSignature);
        }
    }
}
