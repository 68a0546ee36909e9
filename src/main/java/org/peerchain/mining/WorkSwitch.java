package org.peerchain.mining;

import java.time.Duration;
import org.peerchain.core.Hash;

/**
 * New work reached the mining threads: the first hash on it is about to be computed.
 *
 * @param generation the miner's count of published work, rising by one per {@link Miner#newWork()}
 * @param prevHash the block the new work builds on
 * @param latency from the {@link Miner#newWork()} call (template building included) to the first hash
 */
public record WorkSwitch(long generation, Hash prevHash, Duration latency) {
}
