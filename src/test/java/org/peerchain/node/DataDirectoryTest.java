package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DataDirectoryTest {
    @Test
    void defaultsToDotPeerchainInTheHomeDirectoryPerNetwork() {
        assertEquals(Path.of("/home/ann", ".peerchain", "regtest"), DataDirectory.defaultFor("regtest", null, "/home/ann"));
    }

    @Test
    void peerchainHomeOverridesTheBaseDirectory() {
        assertEquals(Path.of("/srv/pc", "main"), DataDirectory.defaultFor("main", "/srv/pc", "/home/ann"));
    }

    @Test
    void refusesAnEmptyNetworkName() {
        assertThrows(IllegalArgumentException.class, () -> DataDirectory.defaultFor(" ", null, "/home/ann"));
    }
}
