package org.peerchain.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BIP39's English list of 2048 words, read from the resource copied verbatim from bitcoin/bips. */
public final class Bip39WordList {
    public static final String RESOURCE = "bip39-english.txt";
    public static final int SIZE = 2048;
    /** BIP39 words are unique in their first four letters. */
    static final int UNIQUE_PREFIX = 4;
    /** How much of a typed word {@link #closestWords} compares with the list. */
    static final int MAX_COMPARED_LENGTH = 16;

    private static final Bip39WordList ENGLISH = load();

    private final List<String> words;
    private final Map<String, Integer> index;

    private Bip39WordList(List<String> words) {
        this.words = List.copyOf(words);
        Map<String, Integer> m = new HashMap<>(SIZE * 2);
        for (int i = 0; i < words.size(); i++) {
            m.put(words.get(i), i);
        }
        this.index = Map.copyOf(m);
    }

    public static Bip39WordList english() {
        return ENGLISH;
    }

    /** The raw bytes of the bundled list, to check its published SHA-256. */
    public static byte[] resourceBytes() {
        try (InputStream in = Bip39WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the BIP39 word list resource " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIP39 word list", e);
        }
    }

    private static Bip39WordList load() {
        String text = new String(resourceBytes(), StandardCharsets.UTF_8);
        List<String> words = text.lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
        if (words.size() != SIZE) {
            throw new IllegalStateException("the BIP39 word list has " + words.size() + " words, not " + SIZE);
        }
        return new Bip39WordList(words);
    }

    public String word(int i) {
        return words.get(i);
    }

    /** The word's position, or -1 if it is not in the list. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** Up to {@code limit} list words nearest to {@code typed}: same four-letter start first, then edit distance. */
    public List<String> closestWords(String typed, int limit) {
        // No list word is longer than 8 letters: what is typed past this many cannot bring a word nearer, and
        // comparing all of a pasted page would take minutes.
        String t = typed.length() > MAX_COMPARED_LENGTH ? typed.substring(0, MAX_COMPARED_LENGTH) : typed;
        String prefix = t.length() >= UNIQUE_PREFIX ? t.substring(0, UNIQUE_PREFIX) : null;
        Map<String, Integer> distance = new HashMap<>(words.size() * 2);
        for (String w : words) {
            distance.put(w, editDistance(t, w));
        }
        return words.stream()
                .sorted(Comparator.<String>comparingInt(w -> prefix != null && w.startsWith(prefix) ? 0 : 1)
                        .thenComparingInt(distance::get)
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
