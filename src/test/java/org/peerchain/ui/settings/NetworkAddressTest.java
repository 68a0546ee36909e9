package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NetworkAddressTest {
    @Test
    void readsHostPortABareHostAndABracketedIpv6Address() {
        assertEquals("192.0.2.1:7300", NetworkAddress.parse(" 192.0.2.1:7300 ", 1).toString());
        assertEquals("tracker.example.org:7300", NetworkAddress.parse("tracker.example.org", 7300).toString());
        assertEquals("[2001:db8::1]:18444", NetworkAddress.parse("[2001:db8::1]:18444", 1).toString());
    }

    @Test
    void eachMistakeIsSaidInWords() {
        for (String[] c : List.of(
                new String[] {"", "Write an address as host:port, for example 192.0.2.1:7300"},
                new String[] {"192.0.2.1:abc", "The port 'abc' in '192.0.2.1:abc' is not a number."},
                new String[] {"192.0.2.1:70000", "The port 70000 in '192.0.2.1:70000' is outside 1 to 65535."},
                new String[] {"192.0.2.1:", "'192.0.2.1:' ends with ':' but gives no port."},
                new String[] {":7300", "':7300' has a port but no host before the ':'."},
                new String[] {"bad host!:7300", "'bad host!' is not a host name or IP address"},
                new String[] {"2001:db8::1", "write an IPv6 address in brackets"},
                new String[] {"[2001:db8::1", "never closes it with ']'"})) {
            var e = assertThrows(IllegalArgumentException.class, () -> NetworkAddress.parse(c[0], 7300), c[0]);
            assertEquals(true, e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
