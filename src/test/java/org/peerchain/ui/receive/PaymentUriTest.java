package org.peerchain.ui.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PaymentUriTest {
    private static final String ADDRESS = "PcH7xYtq3Wz9aBcDeFgHiJkMnoPqRsTuV";

    private static String refusal(String uri) {
        return assertThrows(IllegalArgumentException.class, () -> PaymentUri.parse(uri)).getMessage();
    }

    @Test
    void writesBip21sShapeWithTheLabelPercentEncoded() {
        assertEquals("peerchain:" + ADDRESS, PaymentUri.of(ADDRESS).format());
        assertEquals("peerchain:" + ADDRESS + "?amount=1.5&label=Rent",
                new PaymentUri(ADDRESS, OptionalLong.of(150_000_000L), "Rent").format());
        assertEquals("peerchain:" + ADDRESS + "?label=Rent%20for%20May%20%26%20June%20%E2%82%AC",
                new PaymentUri(ADDRESS, OptionalLong.empty(), "Rent for May & June €").format());
        assertEquals("peerchain:" + ADDRESS + "?amount=20",
                new PaymentUri(ADDRESS, OptionalLong.of(2_000_000_000L), "").format());
    }

    @Test
    void roundTripsAddressAmountAndLabel() {
        for (PaymentUri uri : new PaymentUri[] {
                PaymentUri.of(ADDRESS),
                new PaymentUri(ADDRESS, OptionalLong.of(1), "a=b&c?d#e%f+g"),
                new PaymentUri(ADDRESS, OptionalLong.of(123_456_789_012L), "Müller 🎉 ü"),
                new PaymentUri(ADDRESS, OptionalLong.empty(), "x")}) {
            assertEquals(uri, PaymentUri.parse(uri.format()));
        }
    }

    @Test
    void readsWhatOtherWalletsWriteAndIgnoresUnknownParameters() {
        PaymentUri uri = PaymentUri.parse("PEERCHAIN:" + ADDRESS + "?Amount=0.25&message=thanks&label=caf%c3%a9");
        assertEquals(ADDRESS, uri.address());
        assertEquals(OptionalLong.of(25_000_000L), uri.amount());
        assertEquals("café", uri.label());
        assertEquals(PaymentUri.of(ADDRESS), PaymentUri.parse("peerchain:" + ADDRESS + "?"));
    }

    @Test
    void refusesBadRequestsSayingWhatIsWrong() {
        assertEquals("not a payment request: it does not start with peerchain:", refusal("bitcoin:" + ADDRESS));
        assertEquals("not a payment request: it does not start with peerchain:", refusal(ADDRESS));
        assertEquals("the request has no address", refusal("peerchain:?amount=1"));
        assertEquals("the address has a character that is never in an address: '0' at position 3",
                refusal("peerchain:Pc0x"));
        assertEquals("the request's amount is wrong: 1.2.3 is not a number",
                refusal("peerchain:" + ADDRESS + "?amount=1.2.3"));
        assertEquals("the request's amount is wrong: the amount must be more than zero",
                refusal("peerchain:" + ADDRESS + "?amount=0"));
        assertEquals("the request gives amount twice", refusal("peerchain:" + ADDRESS + "?amount=1&amount=2"));
        assertEquals("the request requires expiry, which this wallet does not know",
                refusal("peerchain:" + ADDRESS + "?req-expiry=5"));
        assertEquals("the request's label has a % that is not followed by two hex digits",
                refusal("peerchain:" + ADDRESS + "?label=50%"));
        assertEquals("the amount must be more than zero", assertThrows(IllegalArgumentException.class,
                () -> new PaymentUri(ADDRESS, OptionalLong.of(0), "")).getMessage());
    }
}
