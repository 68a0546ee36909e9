package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SettingsWriterTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOfSavesLeavesTheNewestOnDiskOnceFlushed() {
        SettingsFile file = new SettingsFile(dir.resolve(SettingsFile.FILE_NAME));
        SettingsWriter writer = new SettingsWriter(file);
        AppSettings s = AppSettings.defaults();
        for (String screen : new String[] {"MINING", "EXPLORER", "PEERS", "SEND"}) {
            writer.save(s.withLastScreen(screen));
        }
        writer.flush();
        assertEquals("SEND", file.load().settings().lastScreen());
        assertTrue(Files.notExists(dir.resolve(SettingsFile.FILE_NAME + ".tmp")), "no temporary file is left");
    }

    @Test
    void aFolderThatCannotBeWrittenIsLoggedAndTheWindowGoesOn() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a file where the settings' folder should be");
        SettingsWriter writer = new SettingsWriter(new SettingsFile(blocker.resolve(SettingsFile.FILE_NAME)));
        writer.save(AppSettings.defaults());
        writer.flush();
        writer.save(AppSettings.defaults().withLastScreen("PEERS"));
        writer.flush();
        assertTrue(Files.isRegularFile(blocker), "nothing else was touched");
    }
}
