package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.consensus.RegtestFixture.BASE_TIME;
import static org.peerchain.consensus.RegtestFixture.PARAMS;
import static org.peerchain.consensus.RegtestFixture.block;
import static org.peerchain.consensus.RegtestFixture.coinbase;
import static org.peerchain.consensus.RegtestFixture.key;
import static org.peerchain.consensus.RegtestFixture.keyHash;
import static org.peerchain.consensus.RegtestFixture.mined;
import static org.peerchain.consensus.RegtestFixture.outPoint;
import static org.peerchain.consensus.RegtestFixture.spend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.peerchain.consensus.RegtestFixture.Ancestry;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/** Each block and header rule, broken alone by an otherwise valid regtest block, rejects with its code. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BlockRulesTest {
    private static final Ed25519Keys.KeyPair ALICE = key(3);

    static void assertRejects(String code, Executable check) {
        ValidationException e = assertThrows(ValidationException.class, check);
        assertEquals(code, e.reason(), e.getMessage());
    }

    private static Transaction payment(int n) {
        return spend(outPoint(n), ALICE, Amount.coins(1));
    }

    /** A header for context checks, which look only at its time and bits. */
    private static BlockHeader header(long time, long bits) {
        return new BlockHeader(ChainParams.BLOCK_VERSION, Hash.ZERO, Hash.ZERO, time, bits, 0);
    }

    @Test
    void acceptsAMinedBlockWithACoinbaseAndSignedPayments() {
        Block b = block(payment(1), payment(2), payment(3));
        assertDoesNotThrow(() -> BlockRules.checkBlock(b, PARAMS));
        assertDoesNotThrow(() -> BlockRules.checkCoinbaseHeight(b, 1));
    }

    @Test
    void rejectsBlockWhoseHashIsAboveItsTarget() {
        Block good = block(payment(1));
        Block b = good.withHeader(RegtestFixture.unmine(good.header()));
        assertRejects("high-hash", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBitsThatAreNotAValidCompactEncoding() {
        Block good = block(payment(1));
        for (long bits : new long[] {0x2080ffffL /* negative */, 0x20000000L /* zero */, 0x01003456L /* rounds to zero */,
            0xff123456L /* overflows 256 bits */}) {
            BlockHeader h = good.header();
            Block b = good.withHeader(new BlockHeader(h.version(), h.prevHash(), h.merkleRoot(), h.time(), bits, h.nonce()));
            assertRejects("bad-diffbits", () -> BlockRules.checkBlock(b, PARAMS));
        }
    }

    @Test
    void rejectsBitsEasierThanTheNetworksProofOfWorkLimit() {
        Block regtestBlock = block(payment(1));
        assertRejects("bad-diffbits", () -> BlockRules.checkHeader(regtestBlock.header(), ChainParams.MAIN));
        assertRejects("bad-diffbits", () -> BlockRules.checkHeader(regtestBlock.header(), ChainParams.TEST));
    }

    @Test
    void rejectsBitsThatDifferFromWhatTheRetargetRuleGives() {
        Ancestry parents = Ancestry.regular(5, BASE_TIME, 1, PARAMS.powLimitBits());
        long now = BASE_TIME + 100;
        assertDoesNotThrow(() -> BlockRules.checkHeaderContext(header(now, PARAMS.powLimitBits()), parents, PARAMS, now));
        assertRejects("bad-diffbits",
                () -> BlockRules.checkHeaderContext(header(now, 0x207ffffeL), parents, PARAMS, now));
    }

    @Test
    void rejectsBlockVersionBelowOne() {
        for (int version : new int[] {0, -1}) {
            Block b = mined(version, PARAMS.genesisHash(), BASE_TIME, List.of(coinbase(1)));
            assertRejects("bad-version", () -> BlockRules.checkBlock(b, PARAMS));
        }
    }

    @Test
    void rejectsBlockWithoutTransactions() {
        Block b = mined(List.of());
        assertRejects("bad-blk-length", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockOverTheSizeLimit() {
        // Valid transactions just under the transaction size limit, until together they are over the block's.
        int outputsPerTx = (ChainParams.MAX_TX_SIZE - 1_000) / 28;
        List<TxOutput> outs = Collections.nCopies(outputsPerTx, new TxOutput(1, keyHash(key(2))));
        List<Transaction> txs = new ArrayList<>();
        txs.add(coinbase(1));
        int total = 0;
        for (int i = 0; total <= ChainParams.MAX_BLOCK_SIZE; i++) {
            Transaction tx = RegtestFixture.signed(Transaction.CURRENT_VERSION, List.of(outPoint(i)), List.of(ALICE), outs);
            assertDoesNotThrow(() -> TxRules.checkTransaction(tx));
            txs.add(tx);
            total += tx.size();
        }
        Block b = mined(txs);
        assertTrue(b.size() > ChainParams.MAX_BLOCK_SIZE);
        assertRejects("bad-blk-length", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockWhoseFirstTransactionIsNotACoinbase() {
        Block b = mined(List.of(payment(1), coinbase(1)));
        assertRejects("bad-cb-missing", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockWithASecondCoinbase() {
        Transaction second = coinbase(2);
        Block b = block(payment(1), second);
        assertRejects("bad-cb-multiple", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockThatHoldsTheSameTransactionTwice() {
        Transaction tx = payment(1);
        Block b = block(tx, payment(2), tx);
        assertRejects("bad-txns-duplicate", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockWhoseTransactionsWereReorderedAfterMining() {
        Block good = block(payment(1), payment(2));
        List<Transaction> reordered = List.of(good.transactions().get(0), good.transactions().get(2),
                good.transactions().get(1));
        Block b = new Block(good.header(), reordered);
        assertRejects("bad-merkle-root", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockWhoseTimestampIsAtOrBelowMedianTimePast() {
        // Eleven parents, out of order as real clocks allow; their median is BASE_TIME + 50.
        long[] offsets = {0, 30, 10, 20, 60, 40, 50, 90, 70, 100, 80};
        long[] times = new long[offsets.length];
        long[] bits = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            times[i] = BASE_TIME + offsets[i];
            bits[i] = PARAMS.powLimitBits();
        }
        Ancestry parents = new Ancestry(times, bits);
        long mtp = BASE_TIME + 50;
        assertEquals(mtp, Difficulty.medianTimePast(parents));
        long now = BASE_TIME + 1_000;
        assertRejects("time-too-old",
                () -> BlockRules.checkHeaderContext(header(mtp, PARAMS.powLimitBits()), parents, PARAMS, now));
        assertRejects("time-too-old",
                () -> BlockRules.checkHeaderContext(header(mtp - 1, PARAMS.powLimitBits()), parents, PARAMS, now));
        assertDoesNotThrow(
                () -> BlockRules.checkHeaderContext(header(mtp + 1, PARAMS.powLimitBits()), parents, PARAMS, now));
    }

    @Test
    void rejectsBlockMoreThanTwoHoursAheadOfTheNodesClock() {
        Ancestry parents = Ancestry.regular(20, BASE_TIME, 1, PARAMS.powLimitBits());
        long now = BASE_TIME + 100;
        long threeHours = 3 * 60 * 60;
        assertRejects("time-too-new", () -> BlockRules.checkHeaderContext(
                header(now + threeHours, PARAMS.powLimitBits()), parents, PARAMS, now));
        assertRejects("time-too-new", () -> BlockRules.checkHeaderContext(
                header(now + ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS + 1, PARAMS.powLimitBits()), parents, PARAMS, now));
        assertDoesNotThrow(() -> BlockRules.checkHeaderContext(
                header(now + ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS, PARAMS.powLimitBits()), parents, PARAMS, now));
    }

    @Test
    void rejectsFirstBlockOfARetargetWindowMoreThanTenMinutesBeforeItsParent() {
        ChainParams main = ChainParams.MAIN;
        int interval = main.retargetInterval();
        long start = main.genesis().header().time();
        // Heights 0..interval-1 on schedule, except that the parent (the window's last block) is pushed far ahead.
        Ancestry regular = Ancestry.regular(interval, start, main.targetSpacingSeconds(), main.genesis().header().bits());
        long parentTime = regular.timeAt(interval - 1) + 3_000;
        Ancestry parents = regular.withTimeAt(interval - 1, parentTime);
        long bits = Difficulty.nextBits(parents, main);
        long now = parentTime;
        long tooEarly = parentTime - ChainParams.MAX_TIMEWARP_SECONDS - 1;
        assertTrue(tooEarly > Difficulty.medianTimePast(parents), "the time must pass the median-time-past rule");
        assertRejects("time-timewarp-attack",
                () -> BlockRules.checkHeaderContext(header(tooEarly, bits), parents, main, now));
        assertDoesNotThrow(() -> BlockRules.checkHeaderContext(
                header(parentTime - ChainParams.MAX_TIMEWARP_SECONDS, bits), parents, main, now));
    }

    @Test
    void allowsABlockInsideARetargetWindowToBeMoreThanTenMinutesBeforeItsParent() {
        ChainParams main = ChainParams.MAIN;
        int parentsCount = main.retargetInterval() - 1;
        long start = main.genesis().header().time();
        Ancestry regular = Ancestry.regular(parentsCount, start, main.targetSpacingSeconds(), main.genesis().header().bits());
        long parentTime = regular.timeAt(parentsCount - 1) + 3_000;
        Ancestry parents = regular.withTimeAt(parentsCount - 1, parentTime);
        long bits = Difficulty.nextBits(parents, main);
        assertDoesNotThrow(() -> BlockRules.checkHeaderContext(
                header(parentTime - ChainParams.MAX_TIMEWARP_SECONDS - 1, bits), parents, main, parentTime));
    }

    @Test
    void rejectsCoinbaseWhoseHeightIsNotTheBlocksHeight() {
        Block b = mined(List.of(coinbase(5)));
        assertDoesNotThrow(() -> BlockRules.checkCoinbaseHeight(b, 5));
        assertRejects("bad-cb-height", () -> BlockRules.checkCoinbaseHeight(b, 6));
        assertRejects("bad-cb-height", () -> BlockRules.checkCoinbaseHeight(b, 4));
    }

    @Test
    void rejectsCoinbaseClaimingMoreThanSubsidyPlusFees() {
        long fees = 12_345;
        int height = 1;
        long allowed = PARAMS.subsidy(height) + fees;
        Block exact = mined(List.of(coinbase(height, allowed, keyHash(key(1))), payment(1)));
        Block over = mined(List.of(coinbase(height, allowed + 1, keyHash(key(1))), payment(1)));
        assertDoesNotThrow(() -> BlockRules.checkBlock(over, PARAMS));
        assertDoesNotThrow(() -> BlockRules.checkCoinbaseAmount(exact, fees, height, PARAMS));
        assertRejects("bad-cb-amount", () -> BlockRules.checkCoinbaseAmount(over, fees, height, PARAMS));
    }

    @Test
    void rejectsCoinbaseClaimingMoreThanTheSubsidyAfterAHalving() {
        int height = PARAMS.halvingInterval();
        Block b = mined(List.of(coinbase(height, ChainParams.INITIAL_SUBSIDY, keyHash(key(1)))));
        assertDoesNotThrow(() -> BlockRules.checkCoinbaseAmount(b, 0, height - 1, PARAMS));
        assertRejects("bad-cb-amount", () -> BlockRules.checkCoinbaseAmount(b, 0, height, PARAMS));
    }

    @Test
    void rejectsCoinbaseDataShorterThanAHeightOrLongerThanTheLimit() {
        for (int length : new int[] {TxRules.MIN_COINBASE_DATA - 1, TxRules.MAX_COINBASE_DATA + 1}) {
            Transaction cb = new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(new byte[length])),
                    List.of(new TxOutput(PARAMS.subsidy(1), keyHash(key(1)))));
            Block b = mined(List.of(cb, payment(1)));
            assertRejects("bad-cb-length", () -> BlockRules.checkBlock(b, PARAMS));
        }
        for (int length : new int[] {TxRules.MIN_COINBASE_DATA, TxRules.MAX_COINBASE_DATA}) {
            Transaction cb = new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(new byte[length])),
                    List.of(new TxOutput(PARAMS.subsidy(1), keyHash(key(1)))));
            assertDoesNotThrow(() -> TxRules.checkTransaction(cb));
        }
    }

    @Test
    void rejectsCoinbaseInputThatCarriesAPublicKey() {
        Transaction cb = new Transaction(Transaction.CURRENT_VERSION,
                List.of(new TxInput(OutPoint.NULL, ALICE.publicKey(), RegtestFixture.coinbaseData(1))),
                List.of(new TxOutput(PARAMS.subsidy(1), keyHash(key(1)))));
        assertTrue(cb.isCoinbase());
        Block b = mined(List.of(cb, payment(1)));
        assertRejects("bad-cb-pubkey", () -> BlockRules.checkBlock(b, PARAMS));
    }

    @Test
    void rejectsBlockHoldingATransactionThatBreaksATransactionRule() {
        Transaction negative = RegtestFixture.signed(Transaction.CURRENT_VERSION, List.of(outPoint(1)), List.of(ALICE),
                List.of(new TxOutput(-1, keyHash(key(2)))));
        Block b = block(payment(2), negative);
        assertRejects("bad-txns-vout-negative", () -> BlockRules.checkBlock(b, PARAMS));
    }
}
