package dev.rockstar.tenancy.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TagTextTest {

    @Test
    void namesTheTenantThenTheRequest() {
        assertEquals("tenant=acme request=r-1", TagText.of("acme", "r-1"));
        assertEquals("request=r-1", TagText.of(null, "r-1"));
        assertEquals("tenant=acme", TagText.of("acme", null));
        assertNull(TagText.of(null, null));
    }

    @Test
    void aValueCannotEndTheTagOrStartALine() {
        assertEquals("tenant=a_b_c__tenant_evil request=x_y", TagText.of("a b=c\n tenant=evil", "x\ry"));
        assertEquals("tenant=Ab.9_:- request=1", TagText.of("Ab.9_:-", "1"));
    }
}
