package org.peerchain.ui.transactions;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.peerchain.ui.fx.Formats;

/**
 * Writes the wallet's history as CSV for a person's records: one header line, then a line a transaction with the
 * date (ISO-8601, UTC), txid, label, amount and fee (plain decimals of coins, a send negative), confirmations and
 * state in words. Quoted as RFC 4180 says (CRLF line ends, a field with a comma, quote or line break in quotes, a
 * quote doubled). The file is written beside its destination and moved into place, so an existing export is either
 * kept whole or replaced whole.
 */
public final class CsvExport {
    public static final String HEADER = "date,txid,label,amount,fee,confirmations,state";
    private static final String LINE_END = "\r\n";
    /** Spreadsheets run a cell starting with one of these as a formula; a label is text, so it is kept as text. */
    private static final String FORMULA_STARTS = "=+-@";

    /** One transaction as a line of the file. */
    public record Line(long time, String txid, String label, long amount, long fee, int confirmations, String state) {
        static Line of(TransactionRow r) {
            return new Line(r.time(), r.txidHex(), r.label(), r.amount(), r.fee(), r.confirmations(), r.stateText());
        }
    }

    private CsvExport() {
    }

    /** Writes {@code lines} to {@code file}, replacing it whole or not at all. */
    public static void write(Path file, List<Line> lines) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write(LINE_END);
                for (Line l : lines) {
                    out.write(Formats.isoInstant(l.time()));
                    out.write(',');
                    out.write(l.txid());
                    out.write(',');
                    out.write(field(asText(l.label())));
                    out.write(',');
                    out.write(Formats.plainCoins(l.amount()));
                    out.write(',');
                    out.write(Formats.plainCoins(l.fee()));
                    out.write(',');
                    out.write(Integer.toString(l.confirmations()));
                    out.write(',');
                    out.write(field(l.state()));
                    out.write(LINE_END);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A field as RFC 4180 writes it: in quotes, quotes doubled, when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String asText(String label) {
        return !label.isEmpty() && FORMULA_STARTS.indexOf(label.charAt(0)) >= 0 ? "'" + label : label;
    }
}
