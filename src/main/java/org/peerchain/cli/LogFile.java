package org.peerchain.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.peerchain.node.DataDirectory;
import org.slf4j.LoggerFactory;

/**
 * The installed app's log file. Started from a menu or a double-click, the program has no terminal for its log: the
 * launchers pass {@code -Dpeerchain.installed=true}, and the log then also goes to {@code peerchain.log} in the
 * system's log folder ({@link DataDirectory#logDirectory()}), 10 MB a file, the last five kept. Run from a terminal
 * or under systemd, the log stays on stderr alone, where the terminal or the journal keeps it.
 */
final class LogFile {
    static final String INSTALLED_PROPERTY = "peerchain.installed";
    static final String FILE_NAME = "peerchain.log";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

    private LogFile() {
    }

    /** Adds the log file when this is the installed app; says on stderr (and nothing worse) when it cannot. */
    static void installIfInstalledApp() {
        if (Boolean.getBoolean(INSTALLED_PROPERTY)) {
            install(DataDirectory.logDirectory());
        }
    }

    /** Adds {@code dir/peerchain.log} (rolled at 10 MB, five kept) to the root logger; returns the file, or null. */
    static Path install(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            System.err.println("peerchain: no log file: cannot make " + dir + ": " + e.getMessage());
            return null;
        }
        Path file = dir.resolve(FILE_NAME);
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("peerchain.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            System.err.println("peerchain: no log file: " + file + " cannot be written");
            return null;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return file;
    }
}
