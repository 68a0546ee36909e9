package org.peerchain.tracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code promtool check metrics} (client_golang's promlint) on the text format, for a
 * machine where promtool cannot be installed: every family has HELP and TYPE before its samples and
 * is declared once; names and label names are snake_case without ':'; counters and only counters end
 * in {@code _total}; no type name, abbreviated unit or non-base unit in a name; {@code _count},
 * {@code _sum}, {@code _bucket}, {@code le} and {@code quantile} only for histograms and summaries;
 * sample values are numbers.
 */
final class PromLint {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    /** promlint's unitAbbreviations. */
    private static final Set<String> ABBREVIATED_UNITS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
            "tb", "pb", "m", "h", "d");
    /** promlint's units, each with its base unit. */
    private static final Map<String, String> NON_BASE_UNITS = Map.ofEntries(
            Map.entry("minutes", "seconds"), Map.entry("hours", "seconds"), Map.entry("days", "seconds"),
            Map.entry("milliseconds", "seconds"), Map.entry("microseconds", "seconds"), Map.entry("nanoseconds", "seconds"),
            Map.entry("kilobytes", "bytes"), Map.entry("megabytes", "bytes"), Map.entry("gigabytes", "bytes"),
            Map.entry("weeks", "seconds"), Map.entry("bits", "bytes"), Map.entry("percent", "ratio"));

    private PromLint() {
    }

    /** Every problem found, in words; empty when promtool would find nothing to fix. */
    static List<String> problems(String text) {
        List<String> out = new ArrayList<>();
        Map<String, String> help = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        Set<String> declared = new HashSet<>();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] p = line.split(" ", 4);
                if (p.length < 4 || p[3].isBlank()) {
                    out.add(p[2] + ": no help text");
                }
                help.put(p[2], p.length < 4 ? "" : p[3]);
                family = p[2];
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                String name = p[2];
                if (!help.containsKey(name)) {
                    out.add(name + ": TYPE without HELP before it");
                }
                if (!declared.add(name)) {
                    out.add(name + ": declared twice");
                }
                if (p.length != 4 || !TYPES.contains(p[3])) {
                    out.add(name + ": unknown type in \"" + line + "\"");
                    continue;
                }
                type.put(name, p[3]);
                family = name;
                checkName(name, p[3], out);
            } else if (!line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    out.add("not a sample line: " + line);
                    continue;
                }
                String name = m.group(1);
                if (!name.equals(family) || !type.containsKey(name)) {
                    out.add(name + ": sample outside its own HELP/TYPE block");
                }
                if (m.group(3) != null) {
                    checkLabels(name, type.get(name), m.group(3), out);
                }
                try {
                    Double.parseDouble(m.group(4).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
                } catch (NumberFormatException e) {
                    out.add(name + ": value \"" + m.group(4) + "\" is not a number");
                }
            }
        }
        return out;
    }

    private static void checkName(String name, String type, List<String> out) {
        if (name.contains(":")) {
            out.add(name + ": metric names should not contain ':'");
        }
        if (!NAME.matcher(name).matches()) {
            out.add(name + ": metric names should be written in 'snake_case' not 'camelCase'");
        }
        boolean counter = type.equals("counter");
        if (counter && !name.endsWith("_total")) {
            out.add(name + ": counter metrics should have \"_total\" suffix");
        }
        if (!counter && name.endsWith("_total")) {
            out.add(name + ": non-counter metrics should not have \"_total\" suffix");
        }
        boolean histogramOrSummary = type.equals("histogram") || type.equals("summary");
        for (String reserved : List.of("_bucket", "_count", "_sum")) {
            if (!histogramOrSummary && name.endsWith(reserved)) {
                out.add(name + ": non-histogram and non-summary metrics should not have \"" + reserved + "\" suffix");
            }
        }
        List<String> tokens = List.of(name.split("_"));
        for (String t : tokens) {
            if (TYPES.contains(t)) {
                out.add(name + ": metric name should not include type '" + t + "'");
            }
            if (ABBREVIATED_UNITS.contains(t)) {
                out.add(name + ": metric names should not contain abbreviated units ('" + t + "')");
            }
            if (NON_BASE_UNITS.containsKey(t)) {
                out.add(name + ": use base unit \"" + NON_BASE_UNITS.get(t) + "\" instead of \"" + t + "\"");
            }
        }
    }

    private static void checkLabels(String name, String type, String labels, List<String> out) {
        Matcher m = LABEL.matcher(labels);
        int end = 0;
        while (m.find()) {
            String label = m.group(1);
            if (!NAME.matcher(label).matches()) {
                out.add(name + ": label names should be written in 'snake_case' not 'camelCase' (" + label + ")");
            }
            if (label.equals("le") && !"histogram".equals(type) || label.equals("quantile") && !"summary".equals(type)) {
                out.add(name + ": label \"" + label + "\" is reserved");
            }
            end = m.end();
            if (end < labels.length() && labels.charAt(end) == ',') {
                end++;
            }
        }
        if (end != labels.length()) {
            out.add(name + ": malformed labels {" + labels + "}");
        }
    }
}
