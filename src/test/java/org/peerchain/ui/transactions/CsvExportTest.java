package org.peerchain.ui.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class CsvExportTest {
    private static final String TXID = "ab".repeat(32);

    @TempDir
    Path dir;

    /** Splits RFC 4180 text into records of fields, quotes honoured: the reader a spreadsheet would be. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return records;
    }

    @Test
    void writesAHeaderAndOneQuotedRecordATransactionWithPlainDecimals() throws IOException {
        Path file = dir.resolve("history.csv");
        CsvExport.write(file, List.of(
                new CsvExport.Line(1_800_000_000L, TXID, "Rent, \"May\"\nflat 2", -150_010_000L, 10_000, 3,
                        "Confirmed"),
                new CsvExport.Line(1_800_000_100L, TXID, "=SUM(A1)", 5_000_000_000L, 0, 0,
                        "Immature, 99 blocks to go")));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = parse(text);
        assertEquals(List.of("date", "txid", "label", "amount", "fee", "confirmations", "state"), records.get(0));
        assertEquals(List.of("2027-01-15T08:00:00Z", TXID, "Rent, \"May\"\nflat 2", "-1.5001", "0.0001", "3",
                "Confirmed"), records.get(1));
        assertEquals(List.of("2027-01-15T08:01:40Z", TXID, "'=SUM(A1)", "50", "0", "0",
                "Immature, 99 blocks to go"), records.get(2), "a label is never run as a formula");
        assertEquals(3, records.size());
        assertEquals("\"Rent, \"\"May\"\"\nflat 2\"", CsvExport.field("Rent, \"May\"\nflat 2"));
    }

    @Test
    void replacesAnEarlierExportWholeAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("history.csv");
        Files.writeString(file, "an older export that is longer than the new one\r\n".repeat(100));
        CsvExport.write(file, List.of());
        assertEquals(CsvExport.HEADER + "\r\n", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFolderThatIsNotThereFailsWithTheReasonAndWritesNothing() {
        Path file = dir.resolve("no such folder").resolve("history.csv");
        assertThrows(IOException.class, () -> CsvExport.write(file, List.of()));
    }
}
