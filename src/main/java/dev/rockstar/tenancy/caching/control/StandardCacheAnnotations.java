package dev.rockstar.tenancy.caching.control;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.logging.Logger;

import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;

/**
 * Makes the standard JCache annotations ({@code @CacheResult}, {@code @CachePut},
 * {@code @CacheRemove}, {@code @CacheRemoveAll}) work on every server. Payara implements them
 * itself; WildFly does not. The annotations are not CDI interceptor bindings by themselves, so
 * they are declared as such here (members non-binding) unless the server already did, and the
 * application's interceptors are disabled again once the server's own turn out to be enabled:
 * exactly one implementation ever serves a method.
 */
public class StandardCacheAnnotations implements Extension {

    private static final Logger LOG = Logger.getLogger(StandardCacheAnnotations.class.getName());
    private static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);
    private static final List<Class<?>> OURS = List.of(CacheResultInterceptor.class, CachePutInterceptor.class,
            CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class);

    // After the server's extensions (default observer priority), so that their bindings are seen.
    void declareBindings(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000)
                         BeforeBeanDiscovery event, BeanManager beans) {
        for (Class<? extends Annotation> annotation : ANNOTATIONS) {
            if (!beans.isInterceptorBinding(annotation)) {
                event.configureInterceptorBinding(annotation).methods()
                        .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
            }
        }
    }

    void chooseImplementation(@Observes AfterTypeDiscovery event) {
        List<Class<?>> enabled = event.getInterceptors();
        boolean serverHasItsOwn = enabled.stream()
                .anyMatch(type -> !OURS.contains(type) && type.isAnnotationPresent(CacheResult.class));
        if (serverHasItsOwn) {
            enabled.removeAll(OURS);
            LOG.info("JCache annotations: served by the server's own interceptors");
        } else {
            LOG.info("JCache annotations: served by the application's interceptors");
        }
    }
}
