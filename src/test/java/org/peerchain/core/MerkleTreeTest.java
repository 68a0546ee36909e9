package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class MerkleTreeTest {
    private static final Hash A = Samples.hash(1);
    private static final Hash B = Samples.hash(2);
    private static final Hash C = Samples.hash(3);
    private static final Hash D = Samples.hash(4);
    private static final Hash E = Samples.hash(5);

    private static Hash pair(Hash left, Hash right) {
        return Hash.sha256d(new CanonicalWriter().hash(left).hash(right).toByteArray());
    }

    @Test
    void theRootOfOneLeafIsTheLeaf() {
        assertEquals(A, MerkleTree.root(List.of(A)));
    }

    @Test
    void pairsAreTheDoubleSha256OfBothHashes() {
        assertEquals(pair(A, B), MerkleTree.root(List.of(A, B)));
        assertEquals(pair(pair(A, B), pair(C, D)), MerkleTree.root(List.of(A, B, C, D)));
    }

    @Test
    void anOddNodeIsCarriedUpUnchanged() {
        assertEquals(pair(pair(A, B), C), MerkleTree.root(List.of(A, B, C)));
        assertEquals(pair(pair(pair(A, B), pair(C, D)), E), MerkleTree.root(List.of(A, B, C, D, E)));
    }

    @Test
    void repeatingTheLastLeafGivesADifferentRoot() {
        assertNotEquals(MerkleTree.root(List.of(A, B, C)), MerkleTree.root(List.of(A, B, C, C)));
    }

    @Test
    void orderMatters() {
        assertNotEquals(MerkleTree.root(List.of(A, B)), MerkleTree.root(List.of(B, A)));
    }

    @Test
    void theRootOfNoLeavesIsZero() {
        assertEquals(Hash.ZERO, MerkleTree.root(List.of()));
    }
}
