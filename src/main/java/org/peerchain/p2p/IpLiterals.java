package org.peerchain.p2p;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses written as literals, read without ever asking a name server: {@link InetAddress#getByName} looks a
 * string up in DNS when it is not a literal, which on the network's timer thread would stall ping time-outs and stall
 * detection for as long as a resolver takes, and for a gossiped name would let a peer make us query any name it likes.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The address {@code text} writes (dotted IPv4 or IPv6), or null when it is not an IP literal. */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            try {
                // brackets make the JDK treat the text as an IPv6 literal only: a bad one fails, it is never looked up
                String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                InetAddress a = InetAddress.getByName("[" + bare + "]");
                return a instanceof Inet6Address || a instanceof Inet4Address ? a : null;
            } catch (UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code host}'s canonical text when it is an IP literal, else {@code host} itself (a name is not resolved). */
    static String canonical(String host) {
        InetAddress a = parse(host);
        return a == null ? host : a.getHostAddress();
    }

    /** Private ranges: RFC 1918, link-local, IPv6 unique-local (fc00::/7) and carrier-grade NAT (100.64/10). */
    static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    /** Never a peer's address: the unspecified address, multicast, broadcast and the reserved 240/4 and 0/8. */
    static boolean isUnroutable(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && ((b[0] & 0xff) >= 240 || (b[0] & 0xff) == 0);
    }

    /**
     * The network group an address belongs to, for limits per group: {@code /16} for IPv4, {@code /32} for IPv6 (as
     * Bitcoin Core's netgroups), every loopback address one group.
     */
    static String group(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff);
        }
        return String.format("%02x%02x:%02x%02x::/32", b[0], b[1], b[2], b[3]);
    }

    /**
     * The network group of an inbound connection, for the listener's limits per group and its choice of whom to evict:
     * the {@code /16} of an IPv4 address, the {@code /64} of an IPv6 one (what a provider gives one subscriber at the
     * least, so one attacker's many addresses), the IPv4 {@code /16} a 6to4 or Teredo address carries (as Bitcoin Core's
     * {@code GetGroup} reads them), and a loopback address itself: every peer of a test runs from its own 127.0.0.x.
     */
    static String inboundGroup(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return ipv4Group(b[2], b[3]);
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return ipv4Group((byte) ~b[12], (byte) ~b[13]);
            }
            return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
        }
        return ipv4Group(b[0], b[1]);
    }

    private static String ipv4Group(byte first, byte second) {
        return (first & 0xff) + "." + (second & 0xff) + ".0.0/16";
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
