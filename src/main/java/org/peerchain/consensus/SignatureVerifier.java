package org.peerchain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.peerchain.core.Transaction;

/**
 * Checks the signatures of many transactions in parallel on an executor. Signature checks need nothing
 * but the transaction, so a block's can start before its inputs are looked up, and those of the next
 * blocks while this one is being written.
 */
public final class SignatureVerifier {
    /** Transactions per task: small enough to spread a block over every core, large enough to amortise. */
    static final int TRANSACTIONS_PER_TASK = 4;

    private final Executor executor;
    private final LongAdder verifications = new LongAdder();

    public SignatureVerifier(Executor executor) {
        this.executor = executor;
    }

    /** Starts checking every non-coinbase transaction's signatures; the result fails with the first bad one. */
    public Pending verify(List<Transaction> txs) {
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int from = 0; from < txs.size(); from += TRANSACTIONS_PER_TASK) {
            List<Transaction> slice = txs.subList(from, Math.min(txs.size(), from + TRANSACTIONS_PER_TASK));
            tasks.add(CompletableFuture.runAsync(() -> {
                for (Transaction tx : slice) {
                    if (!tx.isCoinbase()) {
                        try {
                            TxRules.checkSignatures(tx, verifications);
                        } catch (ValidationException e) {
                            throw new CompletionException(e);
                        }
                    }
                }
            }, executor));
        }
        return new Pending(CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)));
    }

    /** Ed25519 verifications run so far: what checking blocks has cost (read by tests). */
    public long verifications() {
        return verifications.sum();
    }

    /** Signature checks under way. */
    public static final class Pending {
        private final CompletableFuture<Void> all;

        Pending(CompletableFuture<Void> all) {
            this.all = all;
        }

        /** Waits for every check; throws the first failure's {@code bad-sig}. */
        public void await() throws ValidationException {
            try {
                all.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof ValidationException v) {
                    throw v;
                }
                throw e;
            }
        }
    }
}
