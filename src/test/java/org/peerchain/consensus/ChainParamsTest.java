package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;

/** The committed genesis blocks, and the reward schedule. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ChainParamsTest {
    private static final List<ChainParams> ALL = List.of(ChainParams.MAIN, ChainParams.TEST, ChainParams.REGTEST);

    @Test
    void genesisHashesAreTheOnesMinedOnceAndCommitted() {
        assertEquals(Hash.fromHex("0000009ddaab09d9f9ad6e65c285f869de239859ec5b452fa5145eda77c133b7"),
                ChainParams.MAIN.genesisHash());
        assertEquals(Hash.fromHex("0000ba2c2e6332844a9a1cdab3a6bd9221eb4d221722c23fe701c6588410cef2"),
                ChainParams.TEST.genesisHash());
        assertEquals(Hash.fromHex("6b6cdee075a52d9fbaf7b7688c64855ddeb308d819970e8c2a368285e2ffd03b"),
                ChainParams.REGTEST.genesisHash());
    }

    @Test
    void everyGenesisBlockPassesTheBlockRulesOfItsOwnNetwork() {
        for (ChainParams p : ALL) {
            Block genesis = p.genesis();
            assertDoesNotThrow(() -> BlockRules.checkBlock(genesis, p), p.name());
            assertDoesNotThrow(() -> BlockRules.checkCoinbaseHeight(genesis, 0), p.name());
            assertDoesNotThrow(() -> BlockRules.checkCoinbaseAmount(genesis, 0, 0, p), p.name());
            assertTrue(genesis.header().prevHash().isZero());
            assertEquals(genesis.hash(), Block.deserialize(genesis.serialize()).hash(), "genesis survives its encoding");
        }
    }

    @Test
    void networksHaveDistinctGenesisBlocksAndIds() {
        assertNotEquals(ChainParams.MAIN.genesisHash(), ChainParams.TEST.genesisHash());
        assertNotEquals(ChainParams.TEST.genesisHash(), ChainParams.REGTEST.genesisHash());
        assertNotEquals(ChainParams.MAIN.networkId(), ChainParams.TEST.networkId());
        assertNotEquals(ChainParams.TEST.networkId(), ChainParams.REGTEST.networkId());
    }

    @Test
    void findsNetworksByNameAndNamesTheChoicesForAnUnknownOne() {
        for (ChainParams p : ALL) {
            assertSame(p, ChainParams.forName(p.name()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChainParams.forName("mainnet"));
        assertTrue(e.getMessage().contains("mainnet") && e.getMessage().contains("regtest"), e.getMessage());
    }

    @Test
    void rewardIsFiftyCoinsHalvedEveryHalvingInterval() {
        for (ChainParams p : ALL) {
            int h = p.halvingInterval();
            assertEquals(Amount.coins(50), p.subsidy(0));
            assertEquals(Amount.coins(50), p.subsidy(h - 1));
            assertEquals(Amount.coins(25), p.subsidy(h));
            assertEquals(Amount.parse("12.5"), p.subsidy(2 * h));
            assertEquals(0, p.subsidy(64 * h));
            assertEquals(0, p.subsidy(Integer.MAX_VALUE));
        }
    }

    @Test
    void totalSupplyStaysUnderTheCap() {
        for (ChainParams p : ALL) {
            long total = 0;
            // One era per halving: every block of era k pays subsidy(k * interval).
            for (int era = 0; era < 64; era++) {
                long reward = ChainParams.INITIAL_SUBSIDY >> era;
                assertEquals(reward, p.subsidy((int) Math.min(Integer.MAX_VALUE, (long) era * p.halvingInterval())));
                total = Math.addExact(total, Math.multiplyExact(reward, (long) p.halvingInterval()));
            }
            assertTrue(total <= ChainParams.MAX_MONEY, p.name() + " mints " + total);
        }
        // Bitcoin's schedule: just under 21 million coins.
        assertEquals(2_099_999_997_690_000L, 210_000L * sumOfHalvings());
    }

    private static long sumOfHalvings() {
        long sum = 0;
        for (int era = 0; era < 64; era++) {
            sum += ChainParams.INITIAL_SUBSIDY >> era;
        }
        return sum;
    }
}
