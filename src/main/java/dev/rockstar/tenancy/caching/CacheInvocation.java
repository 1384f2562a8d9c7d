package dev.rockstar.tenancy.caching;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * One intercepted call of a method with a standard JCache annotation, as the specification's
 * {@link CacheKeyInvocationContext} describes it: the cache name (the annotation's, else the
 * class's {@link CacheDefaults}, else the method's signature), the key parameters ({@link CacheKey}
 * ones, else all but the {@link CacheValue}) and the key their generator makes, always wrapped in
 * the current tenant's {@link TenantKey}: an annotation that names no generator, or its own, can
 * never share an entry between tenants.
 */
final class CacheInvocation<A extends Annotation> implements CacheKeyInvocationContext<A> {

    private static final Map<Class<? extends CacheKeyGenerator>, CacheKeyGenerator> GENERATORS =
            new ConcurrentHashMap<>();
    private static final Map<Method, String> SIGNATURES = new ConcurrentHashMap<>();

    private final InvocationContext invocation;
    private final String tenantId;
    private final A annotation;
    private final CacheDefaults defaults;
    private final String cacheName;
    private final CacheInvocationParameter[] all;
    private final CacheInvocationParameter[] keys;
    private final CacheInvocationParameter value;

    CacheInvocation(InvocationContext invocation, String tenantId, A annotation, String annotatedCacheName) {
        this.invocation = invocation;
        this.tenantId = tenantId;
        this.annotation = annotation;
        this.defaults = defaults(invocation);
        this.cacheName = cacheName(invocation, annotatedCacheName);
        Method method = invocation.getMethod();
        Parameter[] parameters = method.getParameters();
        Object[] values = invocation.getParameters();
        all = new CacheInvocationParameter[parameters.length];
        List<CacheInvocationParameter> marked = new ArrayList<>();
        List<CacheInvocationParameter> unmarked = new ArrayList<>();
        CacheInvocationParameter valueParameter = null;
        for (int i = 0; i < parameters.length; i++) {
            all[i] = new InvocationParameter(
                    parameters[i].getType(), values[i], Set.of(parameters[i].getAnnotations()), i);
            if (parameters[i].isAnnotationPresent(CacheValue.class)) {
                valueParameter = all[i];
            } else if (parameters[i].isAnnotationPresent(CacheKey.class)) {
                marked.add(all[i]);
            } else {
                unmarked.add(all[i]);
            }
        }
        keys = (marked.isEmpty() ? unmarked : marked).toArray(CacheInvocationParameter[]::new);
        value = valueParameter;
    }

    /**
     * The tenant's key of this call: the annotation's generator's key, else the class default's,
     * else the key parameters' values as {@code @TenantCached} and {@code TenantCache} key them,
     * so that the three ways meet on one entry.
     */
    TenantKey key(Class<? extends CacheKeyGenerator> annotated) {
        Class<? extends CacheKeyGenerator> type = annotated;
        if (type == CacheKeyGenerator.class && defaults != null) {
            type = defaults.cacheKeyGenerator();
        }
        if (type == CacheKeyGenerator.class) {
            return new TenantKey(
                    tenantId,
                    TenantKey.keyOf(Arrays.stream(keys)
                            .map(CacheInvocationParameter::getValue)
                            .toArray()));
        }
        GeneratedCacheKey generated =
                GENERATORS.computeIfAbsent(type, CacheInvocation::instantiate).generateCacheKey(this);
        return generated instanceof TenantKey own && own.tenantId().equals(tenantId)
                ? own
                : new TenantKey(tenantId, generated);
    }

    /** The annotation's cache name, else the class's {@link CacheDefaults} one, else the method's signature. */
    static String cacheName(InvocationContext invocation, String annotatedCacheName) {
        if (!annotatedCacheName.isEmpty()) {
            return annotatedCacheName;
        }
        CacheDefaults defaults = defaults(invocation);
        if (defaults != null && !defaults.cacheName().isEmpty()) {
            return defaults.cacheName();
        }
        return signature(invocation.getMethod());
    }

    /** The specification's default cache name, {@code package.Class.method(parameter types)}; computed once per method. */
    static String signature(Method method) {
        return SIGNATURES.computeIfAbsent(
                method,
                m -> m.getDeclaringClass().getName() + "." + m.getName()
                        + Arrays.stream(m.getParameterTypes())
                                .map(Class::getName)
                                .collect(Collectors.joining(",", "(", ")")));
    }

    /** The method's annotation, else its class's: both places are allowed. */
    static <T extends Annotation> T annotation(InvocationContext invocation, Class<T> type) {
        T annotation = invocation.getMethod().getAnnotation(type);
        return annotation != null
                ? annotation
                : invocation.getMethod().getDeclaringClass().getAnnotation(type);
    }

    /**
     * Runs a cache action around the method as the annotations' {@code afterInvocation} says:
     * before it, or after it when it returns and when it throws one of the listed exceptions.
     */
    static Object proceedWith(
            InvocationContext invocation,
            boolean afterInvocation,
            Class<? extends Throwable>[] include,
            Class<? extends Throwable>[] exclude,
            Runnable action)
            throws Exception {
        if (!afterInvocation) {
            action.run();
            return invocation.proceed();
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception thrown) {
            if (matches(thrown, include, exclude)) {
                action.run();
            }
            throw thrown;
        }
        action.run();
        return result;
    }

    /** Whether an exception counts: listed in {@code include} (or it is empty) and not in {@code exclude}. */
    static boolean matches(
            Throwable thrown, Class<? extends Throwable>[] include, Class<? extends Throwable>[] exclude) {
        boolean included = include.length == 0 || Arrays.stream(include).anyMatch(type -> type.isInstance(thrown));
        return included && Arrays.stream(exclude).noneMatch(type -> type.isInstance(thrown));
    }

    private static CacheDefaults defaults(InvocationContext invocation) {
        return invocation.getMethod().getDeclaringClass().getAnnotation(CacheDefaults.class);
    }

    private static CacheKeyGenerator instantiate(Class<? extends CacheKeyGenerator> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the cache key generator " + type.getName(), e);
        }
    }

    @Override
    public CacheInvocationParameter[] getKeyParameters() {
        return keys.clone();
    }

    @Override
    public CacheInvocationParameter getValueParameter() {
        return value;
    }

    @Override
    public Object getTarget() {
        return invocation.getTarget();
    }

    @Override
    public CacheInvocationParameter[] getAllParameters() {
        return all.clone();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(invocation)) {
            return type.cast(invocation);
        }
        throw new IllegalArgumentException("Cannot unwrap to " + type.getName());
    }

    @Override
    public Method getMethod() {
        return invocation.getMethod();
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return Set.of(invocation.getMethod().getAnnotations());
    }

    @Override
    public A getCacheAnnotation() {
        return annotation;
    }

    @Override
    public String getCacheName() {
        return cacheName;
    }

    private record InvocationParameter(
            Class<?> getRawType, Object getValue, Set<Annotation> getAnnotations, int getParameterPosition)
            implements CacheInvocationParameter {}
}
