package dev.rockstar.tenancy.caching;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.logging.Logger;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Makes the standard JCache annotations ({@code @CacheResult}, {@code @CachePut},
 * {@code @CacheRemove}, {@code @CacheRemoveAll}) tenant-safe on every server, without the
 * developer naming a key generator. The annotations are not CDI interceptor bindings by
 * themselves, so they are declared as such here (members non-binding) unless the server already
 * did; and where the server brings interceptors of its own (Payara's key by the arguments alone,
 * and its {@code @CacheRemoveAll} empties every tenant's entries), those are disabled for this
 * application: exactly one implementation, the application's, serves a method.
 */
public class StandardCacheAnnotations implements Extension {

    private static final Logger LOG = Logger.getLogger(StandardCacheAnnotations.class.getName());
    private static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);
    private static final List<Class<?>> OURS = List.of(
            CacheResultInterceptor.class,
            CachePutInterceptor.class,
            CacheRemoveInterceptor.class,
            CacheRemoveAllInterceptor.class);

    // After the server's extensions (default observer priority), so that their bindings are seen.
    void declareBindings(
            @Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) BeforeBeanDiscovery event,
            BeanManager beans) {
        for (Class<? extends Annotation> annotation : ANNOTATIONS) {
            if (!beans.isInterceptorBinding(annotation)) {
                event.configureInterceptorBinding(annotation)
                        .methods()
                        .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
            }
        }
    }

    void chooseImplementation(@Observes AfterTypeDiscovery event) {
        List<Class<?>> enabled = event.getInterceptors();
        List<Class<?>> servers = enabled.stream()
                .filter(type -> !OURS.contains(type) && ANNOTATIONS.stream().anyMatch(type::isAnnotationPresent))
                .toList();
        enabled.removeAll(servers);
        LOG.info(() -> "JCache annotations: served by the application's tenant-keyed interceptors"
                + (servers.isEmpty() ? "" : "; the server's own are disabled: " + servers));
    }
}
