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

    @Test
    void eachSystemKeepsDataAndLogsWhereItsOwnProgramsDo() {
        var linux = new DataDirectory.Place(DataDirectory.Os.LINUX, null, "/home/ann", null, null, null);
        assertEquals(Path.of("/home/ann/.peerchain/main"), DataDirectory.defaultFor("main", linux));
        assertEquals(Path.of("/home/ann/.local/state/peerchain"), linux.logs());
        var xdg = new DataDirectory.Place(DataDirectory.Os.LINUX, null, "/home/ann", null, null, "/home/ann/state");
        assertEquals(Path.of("/home/ann/state/peerchain"), xdg.logs());

        var mac = new DataDirectory.Place(DataDirectory.Os.of("Mac OS X"), null, "/Users/ann", null, null, null);
        assertEquals(Path.of("/Users/ann/Library/Application Support/PeerChain/test"), DataDirectory.defaultFor("test", mac));
        assertEquals(Path.of("/Users/ann/Library/Logs/PeerChain"), mac.logs());

        var windows = new DataDirectory.Place(DataDirectory.Os.of("Windows 11"), null, "C:/Users/ann",
                "C:/Users/ann/AppData/Roaming", "C:/Users/ann/AppData/Local", null);
        assertEquals(Path.of("C:/Users/ann/AppData/Roaming/PeerChain/main"), DataDirectory.defaultFor("main", windows));
        assertEquals(Path.of("C:/Users/ann/AppData/Local/PeerChain/Logs"), windows.logs());

        var portable = new DataDirectory.Place(DataDirectory.Os.WINDOWS, "/srv/pc", "C:/Users/ann", "x", "y", null);
        assertEquals(Path.of("/srv/pc/main"), DataDirectory.defaultFor("main", portable));
        assertEquals(Path.of("/srv/pc/logs"), portable.logs(), "PEERCHAIN_HOME keeps everything in one place");
        assertEquals(DataDirectory.Os.LINUX, DataDirectory.Os.of("Linux"));
    }
}
