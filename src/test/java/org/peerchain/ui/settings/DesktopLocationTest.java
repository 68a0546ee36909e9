package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class DesktopLocationTest {
    @TempDir
    Path base;

    @Test
    void theChoiceIsKeptAndReadBackAndNoFileIsNoChoice() throws IOException {
        assertEquals(Optional.empty(), DesktopLocation.read(base));
        DesktopLocation chosen = new DesktopLocation("regtest", base.resolve("elsewhere").toAbsolutePath());
        DesktopLocation.write(base, chosen);
        assertEquals(Optional.of(chosen), DesktopLocation.read(base));
    }

    @Test
    void aDamagedFileOrAnUnknownNetworkIsNamed() throws IOException {
        Files.writeString(base.resolve(DesktopLocation.FILE_NAME), "{\"network\": \"moon\", \"dataDir\": \"/x\"}");
        IOException unknown = assertThrows(IOException.class, () -> DesktopLocation.read(base));
        assertTrue(unknown.getMessage().contains("names the network \"moon\""), unknown.getMessage());
        Files.writeString(base.resolve(DesktopLocation.FILE_NAME), "{\"network\": ");
        IOException damaged = assertThrows(IOException.class, () -> DesktopLocation.read(base));
        assertTrue(damaged.getMessage().contains("cannot be read"), damaged.getMessage());
    }
}
