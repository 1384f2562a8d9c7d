package dev.rockstar.tenancy.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantKeyTest {

    @Test
    void theSameKeyOfTwoTenantsIsTwoKeys() {
        assertNotEquals(new TenantKey("acme", "user:1"), new TenantKey("globex", "user:1"));
        assertEquals(new TenantKey("acme", "user:1"), new TenantKey("acme", "user:1"));
        assertEquals(new TenantKey("acme", "user:1").hashCode(), new TenantKey("acme", "user:1").hashCode());
    }

    @Test
    void noKeyWithoutATenant() {
        assertThrows(IllegalArgumentException.class, () -> new TenantKey(null, "k"));
        assertThrows(IllegalArgumentException.class, () -> new TenantKey("", "k"));
    }

    @Test
    void oneArgumentIsTheKeyAndSeveralAreTheirList() {
        assertEquals("k", TenantKey.keyOf(new Object[] {"k"}));
        assertEquals(List.of("a", 2), TenantKey.keyOf(new Object[] {"a", 2}));
        assertEquals(List.of(), TenantKey.keyOf(new Object[0]));
    }

    @Test
    void nullArgumentsAreValidKeys() {
        assertEquals(null, TenantKey.keyOf(new Object[] {null}));
        assertEquals(Arrays.asList("a", null), TenantKey.keyOf(new Object[] {"a", null}));
        assertEquals(new TenantKey("acme", null), new TenantKey("acme", null));
        assertNotEquals(new TenantKey("acme", null), new TenantKey("globex", null));
    }

    @Test
    void aTenantsPrefixCannotBeForgedFromTheKey() {
        // "tenant:acme" + ":x" and "tenant:acme:x" as a key of another tenant stay different keys.
        assertNotEquals(new TenantKey("acme", "x"), new TenantKey("globex", "tenant:acme:x"));
    }

    @Test
    void survivesSerialisationAsAClusteredCacheStoresIt() throws Exception {
        TenantKey key = new TenantKey("acme", List.of("a", 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(key, in.readObject());
        }
    }
}
