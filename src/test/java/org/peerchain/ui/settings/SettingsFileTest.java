package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileGivesTheDefaultsWithoutComplaint() {
        SettingsFile.Loaded loaded = new SettingsFile(dir.resolve("settings.json")).load();
        assertEquals(AppSettings.defaults(), loaded.settings());
        assertTrue(loaded.problem().isEmpty());
    }

    @Test
    void whatIsSavedIsReadBackExactly() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        AppSettings s = AppSettings.defaults().withTheme("dark").withUiScale(1.3)
                .withWindow(new AppSettings.WindowGeometry(40, 50, 900, 640, false)).withLastScreen("PEERS")
                .withMining(3, true);
        s = s.withTrackers(List.of("192.0.2.7:7300")).withListenPort(18444).withPeers(List.of("[2001:db8::1]:18444"))
                .withPayoutAddress("some address").withAutoLockMinutes(5).withBrowseWithoutWallet(true);
        file.save(s);
        SettingsFile.Loaded loaded = file.load();
        assertEquals(s, loaded.settings());
        assertTrue(loaded.problem().isEmpty());
        assertFalse(Files.exists(dir.resolve("settings.json.tmp")), "the temporary file is moved, not left behind");
    }

    @Test
    void aDamagedFileIsNamedKeptAsideAndReplacedByDefaults() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"theme\": \"dark\", \"uiScale\": ");
        Files.writeString(dir.resolve("wallet.keystore"), "keys");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals(AppSettings.defaults(), loaded.settings());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains(path.toString()) && problem.contains("damaged"), problem);
        assertTrue(Files.exists(dir.resolve("settings.json.damaged")), "the damaged file is kept for the user");
        assertEquals("keys", Files.readString(dir.resolve("wallet.keystore")), "nothing else in the directory is touched");
    }

    @Test
    void aFileThatIsNotAnObjectOrHasAWordWhereANumberShouldBeIsDamageNotACrash() throws Exception {
        Path path = dir.resolve("settings.json");
        for (String[] c : List.of(new String[] {"[1, 2]", "not a JSON object"},
                new String[] {"{\"theme\": \"dark\", \"uiScale\": \"big\"}", "damaged"},
                new String[] {"{\"listenPort\": \"high\"}", "damaged"})) {
            Files.writeString(path, c[0]);
            SettingsFile.Loaded loaded = new SettingsFile(path).load();
            assertEquals(AppSettings.defaults(), loaded.settings(), c[0]);
            assertTrue(loaded.problem().orElseThrow().contains(c[1]), loaded.problem().get());
        }
    }

    @Test
    void aBadValueFallsBackToItsDefaultAndKeepsTheRest() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"theme\": \"purple\", \"uiScale\": 9, \"lastScreen\": \"MINING\", \"listenPort\": 70000}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals("light", loaded.settings().theme());
        assertEquals(1.0, loaded.settings().uiScale());
        assertEquals(AppSettings.DEFAULT_PORT, loaded.settings().listenPort());
        assertEquals("MINING", loaded.settings().lastScreen(), "the good values are kept");
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("theme \"purple\"") && problem.contains("uiScale 9") && problem.contains("listenPort 70000"),
                problem);
    }

    @Test
    void anOlderFileWithoutTheMiningFieldsLoadsWithTheMiningDefaults() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"theme\": \"dark\", \"uiScale\": 1.15, \"lastScreen\": \"PEERS\"}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals(AppSettings.HALF_THE_CORES, loaded.settings().miningThreads());
        assertFalse(loaded.settings().pauseMiningWhileSyncing());
        assertEquals("dark", loaded.settings().theme());
        assertTrue(loaded.problem().isEmpty(), "a missing field is no problem");
    }

    @Test
    void badMiningValuesFallBackToTheirDefaultsAndAreNamed() throws Exception {
        Path path = dir.resolve("settings.json");
        for (String threads : List.of("\"many\"", "-2", "5000", "1.5", "[2]")) {
            Files.writeString(path, "{\"theme\": \"dark\", \"miningThreads\": " + threads
                    + ", \"pauseMiningWhileSyncing\": true}");
            SettingsFile.Loaded loaded = new SettingsFile(path).load();
            assertEquals(AppSettings.HALF_THE_CORES, loaded.settings().miningThreads(), threads);
            assertTrue(loaded.settings().pauseMiningWhileSyncing(), "the good value is kept beside " + threads);
            assertEquals("dark", loaded.settings().theme());
            String problem = loaded.problem().orElseThrow();
            assertTrue(problem.contains("miningThreads " + threads) && problem.contains("1 to 1024"), problem);
        }
        Files.writeString(path, "{\"miningThreads\": 2, \"pauseMiningWhileSyncing\": \"yes\"}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals(2, loaded.settings().miningThreads());
        assertFalse(loaded.settings().pauseMiningWhileSyncing());
        assertTrue(loaded.problem().orElseThrow().contains("pauseMiningWhileSyncing \"yes\" (true or false)"),
                loaded.problem().get());
    }

    @Test
    void aFileWrittenBeforeTheSettingsScreenLoadsWithDefaultsForWhatItLacks() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"theme\": \"dark\", \"uiScale\": 1.15, \"lastScreen\": \"MINING\","
                + " \"trackers\": [\"192.0.2.7:7300\"], \"listenPort\": 18444, \"miningThreads\": 2,"
                + " \"pauseMiningWhileSyncing\": true}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertTrue(loaded.problem().isEmpty(), loaded.problem().toString());
        AppSettings s = loaded.settings();
        assertEquals(List.of("192.0.2.7:7300"), s.trackers());
        assertEquals(18444, s.listenPort());
        assertEquals(List.of(), s.peers());
        assertEquals("", s.payoutAddress());
        assertEquals(AppSettings.DEFAULT_AUTO_LOCK_MINUTES, s.autoLockMinutes());
    }

    @Test
    void anUnreadableAddressOrAnOddLockTimeIsLeftOutAndNamed() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"trackers\": [\"bad host!\", \"192.0.2.7:7300\"], \"peers\": [\"192.0.2.9:99999\"],"
                + " \"autoLockMinutes\": 7}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals(List.of("192.0.2.7:7300"), loaded.settings().trackers());
        assertEquals(List.of(), loaded.settings().peers());
        assertEquals(AppSettings.DEFAULT_AUTO_LOCK_MINUTES, loaded.settings().autoLockMinutes());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("trackers entry \"bad host!\"") && problem.contains("peers entry \"192.0.2.9:99999\"")
                && problem.contains("autoLockMinutes 7"), problem);
    }

    @Test
    void aDiscoveryChoiceThatIsNotYesOrNoAndATrackerPortOutOfRangeAreNamedAndDefaulted() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"discover\": \"sometimes\", \"hostTrackerPort\": 70000, \"listenPort\": 18555}");
        SettingsFile.Loaded loaded = new SettingsFile(path).load();
        assertEquals(null, loaded.settings().discover(), "the network's default");
        assertEquals(AppSettings.NO_TRACKER, loaded.settings().hostTrackerPort());
        assertEquals(18555, loaded.settings().listenPort(), "the rest is kept");
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("discover \"sometimes\" (true or false)")
                && problem.contains("hostTrackerPort 70000 (-1 for none, or 0 to 65535)"), problem);
    }
}
