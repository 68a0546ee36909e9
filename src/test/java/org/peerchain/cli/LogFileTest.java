package org.peerchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(10)
class LogFileTest {
    @TempDir
    Path dir;

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @AfterEach
    void removeTheAppender() {
        var a = root().getAppender("FILE");
        if (a != null) {
            root().detachAppender(a);
            a.stop();
        }
    }

    @Test
    void theInstalledAppsLogGoesToAFileInTheFolderItIsGiven() throws Exception {
        Path file = LogFile.install(dir.resolve("logs"));
        assertEquals(dir.resolve("logs").resolve(LogFile.FILE_NAME), file);
        // the tests' logback configuration passes warnings and above
        LoggerFactory.getLogger(LogFileTest.class).warn("a line for the log file");
        String text = Files.readString(file);
        assertTrue(text.contains("WARN  [") && text.contains("] LogFileTest - a line for the log file"), text);
    }

    @Test
    void aFolderThatCannotBeMadeMeansNoFileAndTheProgramGoesOn() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        assertNull(LogFile.install(notAFolder.resolve("logs")));
        assertNull(root().getAppender("FILE"));
        assertNotNull(LoggerFactory.getLogger(LogFileTest.class), "logging still works");
    }
}
