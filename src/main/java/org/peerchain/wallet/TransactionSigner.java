package org.peerchain.wallet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/**
 * Builds and signs a transaction: every input carries its public key, and every signature is Ed25519 over
 * {@link Transaction#sigHash()}, the encoding with all signatures empty (so one hash serves all inputs).
 */
public final class TransactionSigner {
    private TransactionSigner() {
    }

    /** An input to sign: the output it spends and the key pair that output pays. */
    public record SigningInput(OutPoint outpoint, Ed25519Keys.KeyPair keyPair) {
        @Override
        public String toString() {
            return "SigningInput[" + outpoint + ", " + keyPair + "]";
        }
    }

    public static Transaction sign(List<SigningInput> inputs, List<TxOutput> outputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one input");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one output");
        }
        List<TxInput> unsigned = new ArrayList<>(inputs.size());
        for (SigningInput in : inputs) {
            unsigned.add(new TxInput(in.outpoint(), in.keyPair().publicKey(), new byte[0]));
        }
        Hash sigHash = new Transaction(Transaction.CURRENT_VERSION, unsigned, outputs).sigHash();
        List<TxInput> signed = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            signed.add(unsigned.get(i).withSignature(Ed25519Keys.sign(inputs.get(i).keyPair(), sigHash)));
        }
        return new Transaction(Transaction.CURRENT_VERSION, signed, outputs);
    }

    /**
     * Signs a coin selection: the recipient's output first, then our change (if any) to {@code changeTo}. Keys
     * come from {@code keys} by each input's path and are wiped once signed.
     */
    public static Transaction sign(CoinSelection selection, KeyHash payTo, KeyHash changeTo, KeyChain keys) {
        List<TxOutput> outputs = new ArrayList<>(2);
        outputs.add(new TxOutput(selection.amount(), payTo));
        if (selection.hasChange()) {
            outputs.add(new TxOutput(selection.change(), changeTo));
        }
        List<SigningInput> inputs = new ArrayList<>(selection.inputs().size());
        try {
            for (SpendableOutput o : selection.inputs()) {
                inputs.add(new SigningInput(o.outpoint(), keys.keyPair(o.keyPath())));
            }
            return sign(inputs, outputs);
        } finally {
            for (SigningInput in : inputs) {
                Arrays.fill(in.keyPair().privateKey(), (byte) 0);
            }
        }
    }
}
