package org.peerchain.p2p;

/**
 * Text a peer or a tracker chose (an error's code and message), made safe to write into a log or show in a window:
 * line breaks, terminal escapes and other control characters become visible {@code \\uXXXX} escapes, so a remote
 * side cannot forge log lines or move a terminal's cursor, and it is cut at {@link #MAX_CHARS}.
 */
public final class PeerText {
    /** Longest text kept; a peer's error message is a sentence, not a document. */
    public static final int MAX_CHARS = 300;

    private PeerText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_CHARS && text.length() > MAX_CHARS) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
