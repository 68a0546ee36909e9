package org.peerchain.ui.receive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.peerchain.ui.fx.AmountParser;
import org.peerchain.ui.fx.Formats;

/**
 * A payment request in BIP21's shape: {@code peerchain:ADDRESS?amount=1.5&label=Rent}, the amount in coins as a plain
 * decimal and the label percent-encoded as UTF-8. The one place where such a URI is written and read, so the QR code,
 * the Copy button and a wallet that scans it agree.
 */
public record PaymentUri(String address, OptionalLong amount, String label) {
    public static final String SCHEME = "peerchain";
    /** Characters of a Base58 address: no 0, O, I or l. The checksum is the wallet's to check. */
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** What BIP21 (RFC 3986's unreserved set) leaves as it is in a query value; everything else is percent-encoded. */
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final String HEX = "0123456789ABCDEF";

    public PaymentUri {
        checkAddress(address);
        if (amount.isPresent() && amount.getAsLong() <= 0) {
            throw new IllegalArgumentException("the amount must be more than zero");
        }
        label = label == null ? "" : label;
    }

    /** A request for any amount, without a label. */
    public static PaymentUri of(String address) {
        return new PaymentUri(address, OptionalLong.empty(), "");
    }

    /** The URI as text: the amount only when given, the label only when not empty. */
    public String format() {
        StringBuilder uri = new StringBuilder(SCHEME).append(':').append(address);
        char separator = '?';
        if (amount.isPresent()) {
            uri.append(separator).append("amount=").append(Formats.plainCoins(amount.getAsLong()));
            separator = '&';
        }
        if (!label.isEmpty()) {
            uri.append(separator).append("label=").append(encode(label));
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Reads a {@code peerchain:} URI. Unknown parameters are ignored, as BIP21 asks, unless their name starts with
     * {@code req-} (a requirement this wallet does not know).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PaymentUri parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        if (colon < 0 || !s.substring(0, colon).equalsIgnoreCase(SCHEME)) {
            throw new IllegalArgumentException("not a payment request: it does not start with " + SCHEME + ":");
        }
        String rest = s.substring(colon + 1);
        int query = rest.indexOf('?');
        String address = query < 0 ? rest : rest.substring(0, query);
        Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0 && query < rest.length() - 1) {
            for (String pair : rest.substring(query + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("the request has an empty parameter");
                }
                if (params.containsKey(name)) {
                    throw new IllegalArgumentException("the request gives " + name + " twice");
                }
                params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1), name));
            }
        }
        for (String name : params.keySet()) {
            if (name.startsWith("req-")) {
                throw new IllegalArgumentException("the request requires " + name.substring(4)
                        + ", which this wallet does not know");
            }
        }
        OptionalLong amount = OptionalLong.empty();
        if (params.containsKey("amount")) {
            try {
                amount = OptionalLong.of(AmountParser.parsePositive(params.get("amount")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the request's amount is wrong: " + e.getMessage(), e);
            }
        }
        return new PaymentUri(address, amount, params.getOrDefault("label", ""));
    }

    private static void checkAddress(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("the request has no address");
        }
        for (int i = 0; i < address.length(); i++) {
            if (BASE58.indexOf(address.charAt(i)) < 0) {
                throw new IllegalArgumentException("the address has a character that is never in an address: '"
                        + address.charAt(i) + "' at position " + (i + 1));
            }
        }
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    private static String decode(String value, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("the request's " + name
                            + " has a % that is not followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                int codePoint = value.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
