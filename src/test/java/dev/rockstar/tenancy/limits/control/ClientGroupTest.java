package dev.rockstar.tenancy.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientGroupTest {

    @Test
    void anIpv4AddressIsAGroupOfItsOwn() {
        assertEquals("192.0.2.7", ClientGroup.of("192.0.2.7"));
        assertNotEquals(ClientGroup.of("192.0.2.7"), ClientGroup.of("192.0.2.8"));
    }

    @Test
    void anIpv6AddressGoesWithItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientGroup.of("2001:db8:1:2::7"));
        assertEquals("2001:db8:1:2::/64", ClientGroup.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals("2001:db8:1:2::/64", ClientGroup.of("2001:0DB8:0001:0002:0:0:0:1"), "any spelling");
        assertEquals("2001:db8:0:0::/64", ClientGroup.of("2001:db8::1"));
        assertEquals("0:0:0:0::/64", ClientGroup.of("::1"));
        assertNotEquals(ClientGroup.of("2001:db8:1:2::1"), ClientGroup.of("2001:db8:1:3::1"));
    }

    @Test
    void whatIsNoAddressStaysAsItIsAndIsNeverLookedUp() {
        assertEquals("-", ClientGroup.of("-"));
        assertEquals("-", ClientGroup.of(null));
        assertEquals("-", ClientGroup.of(""));
        assertEquals("localhost", ClientGroup.of("localhost"));
        assertEquals("dead:beef:cafe", ClientGroup.of("dead:beef:cafe"), "hex and colons, no address: kept");
        assertEquals("fe80::1%eth0", ClientGroup.of("fe80::1%eth0"));
    }
}
