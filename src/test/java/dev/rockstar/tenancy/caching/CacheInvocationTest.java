package dev.rockstar.tenancy.caching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import org.junit.jupiter.api.Test;

/** The JCache annotations' rules for names, key parameters and keys, as the specification states them. */
class CacheInvocationTest {

    static class Service {
        @CacheResult
        public String unnamed(String a, int b) {
            return a + b;
        }

        @CacheResult(cacheName = "named")
        public String keyed(@CacheKey String id, String ignored) {
            return id;
        }

        @CachePut(cacheName = "named")
        public void put(String id, @CacheValue String value) {}
    }

    @CacheDefaults(cacheName = "class-default", cacheKeyGenerator = FixedKeys.class)
    static class Defaulted {
        @CacheResult
        public String find(String id) {
            return id;
        }
    }

    public static class FixedKeys implements CacheKeyGenerator {
        @Override
        public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
            return new Fixed(context.getCacheName() + "/" + context.getKeyParameters().length);
        }
    }

    record Fixed(String value) implements GeneratedCacheKey {}

    @Test
    void withoutANameTheCacheIsNamedAfterTheMethodSignature() throws ReflectiveOperationException {
        var call = invocation(Service.class, "unnamed", new Object[] {"x", 1}, String.class, int.class);
        assertEquals(Service.class.getName() + ".unnamed(java.lang.String,int)", call.getCacheName());
    }

    @Test
    void cacheKeyParametersAloneMakeTheKeyWhenMarked() throws ReflectiveOperationException {
        var call = invocation(Service.class, "keyed", new Object[] {"id-1", "noise"}, String.class, String.class);
        assertEquals("named", call.getCacheName());
        assertEquals(1, call.getKeyParameters().length);
        assertEquals("id-1", call.getKeyParameters()[0].getValue());
        GeneratedCacheKey key = call.key(CacheKeyGenerator.class);
        var other =
                invocation(Service.class, "keyed", new Object[] {"id-1", "other noise"}, String.class, String.class);
        assertEquals(key, other.key(CacheKeyGenerator.class), "unmarked parameters do not count");
        var different = invocation(Service.class, "keyed", new Object[] {"id-2", "noise"}, String.class, String.class);
        assertNotEquals(key, different.key(CacheKeyGenerator.class));
    }

    @Test
    void theValueParameterIsNeverPartOfTheKey() throws ReflectiveOperationException {
        var call = invocation(
                CachePut.class, Service.class, "put", new Object[] {"id-1", "v"}, String.class, String.class);
        assertArrayEquals(
                new Object[] {"id-1"},
                Arrays.stream(call.getKeyParameters())
                        .map(CacheInvocationParameter::getValue)
                        .toArray());
        assertEquals("v", call.getValueParameter().getValue());
        assertEquals(1, call.getValueParameter().getParameterPosition());
    }

    @Test
    void classDefaultsGiveTheNameAndTheGenerator() throws ReflectiveOperationException {
        var call = invocation(Defaulted.class, "find", new Object[] {"x"}, String.class);
        assertEquals("class-default", call.getCacheName());
        assertEquals(
                new TenantKey("acme", new Fixed("class-default/1")),
                call.key(CacheKeyGenerator.class),
                "the class's generator, wrapped in the tenant");
    }

    @Test
    void everyKeyCarriesTheTenantAndMatchesTheOtherCachePaths() throws ReflectiveOperationException {
        var call = invocation(Service.class, "unnamed", new Object[] {"x", 1}, String.class, int.class);
        assertEquals(new TenantKey("acme", TenantKey.keyOf(new Object[] {"x", 1})), call.key(CacheKeyGenerator.class));
        var nulls = invocation(Service.class, "unnamed", new Object[] {null, 1}, String.class, int.class);
        assertEquals(
                new TenantKey("acme", TenantKey.keyOf(new Object[] {null, 1})),
                nulls.key(CacheKeyGenerator.class),
                "null arguments are valid keys");
    }

    @Test
    void exceptionFiltersIncludeThenExclude() {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] none = new Class[0];
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] io = new Class[] {IOException.class};
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] runtime = new Class[] {RuntimeException.class};
        assertTrue(CacheInvocation.matches(new IOException(), none, none), "empty include: everything");
        assertTrue(CacheInvocation.matches(new IOException(), io, none));
        assertFalse(CacheInvocation.matches(new IllegalStateException(), io, none));
        assertFalse(CacheInvocation.matches(new IllegalStateException(), none, runtime));
    }

    @Test
    void theAnnotationOfTheMethodIsFound() throws ReflectiveOperationException {
        var call = invocation(Service.class, "unnamed", new Object[] {"x", 1}, String.class, int.class);
        assertEquals("", call.getCacheAnnotation().cacheName());
        assertNull(call.getValueParameter());
    }

    private static CacheInvocation<CacheResult> invocation(Class<?> type, String name, Object[] args, Class<?>... types)
            throws ReflectiveOperationException {
        return invocation(CacheResult.class, type, name, args, types);
    }

    private static <A extends Annotation> CacheInvocation<A> invocation(
            Class<A> annotationType, Class<?> type, String name, Object[] args, Class<?>... types)
            throws ReflectiveOperationException {
        InvocationContext context = new Call(type.getMethod(name, types), args);
        A annotation = CacheInvocation.annotation(context, annotationType);
        String cacheName = (String) annotationType.getMethod("cacheName").invoke(annotation);
        return new CacheInvocation<>(context, "acme", annotation, cacheName);
    }

    /** An interception of a plain call: only what the annotations' rules read. */
    private record Call(Method getMethod, Object[] getParameters) implements InvocationContext {
        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return new HashMap<>();
        }

        @Override
        public Object proceed() {
            throw new UnsupportedOperationException();
        }
    }
}
