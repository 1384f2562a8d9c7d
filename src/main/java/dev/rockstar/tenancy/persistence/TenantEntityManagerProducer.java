package dev.rockstar.tenancy.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.rockstar.tenancy.tenant.control.TenantContext;

/**
 * Produces the {@code EntityManager} that application code injects, already bound to the tenant
 * of the request; code never writes {@code tenant_id} and never passes a tenant id:
 * <pre>
 * &#64;Inject EntityManager em;   // in any bean of a &#64;TenantScoped request
 * em.find(Document.class, id)   // another tenant's id finds nothing
 * </pre>
 * One per request, created on first use and closed with the request. It joins every JTA
 * transaction it is used in, so {@code @Transactional} works as with {@code @PersistenceContext}.
 * Used where no tenant is active, it throws {@code NoTenantException}: it never falls back to
 * an unscoped view of the data.
 */
@RequestScoped
public class TenantEntityManagerProducer {

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    @Inject
    TenantContext tenant;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private EntityManager delegate;

    @Produces
    @RequestScoped
    EntityManager tenantEntityManager() {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, new Joining());
    }

    @PreDestroy
    void close() {
        if (delegate != null && delegate.isOpen()) {
            delegate.close();
        }
    }

    private EntityManager delegate() {
        if (delegate == null) {
            String tenantId = tenant.require().id(); // fail closed before any SQL is issued
            delegate = factory.createEntityManager(Map.of(TenantDiscriminator.CONTEXT_PROPERTY, tenantId));
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE && !delegate.isJoinedToTransaction()) {
            delegate.joinTransaction();
        }
        return delegate;
    }

    /** Every call goes to the request's tenant-bound EntityManager, joined to the current transaction. */
    private final class Joining implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    return null; // closed with the request, like a container-managed EntityManager
                case "isOpen":
                    return true;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "EntityManager of tenant " + tenant.current().map(t -> t.id()).orElse("(none)");
                default:
                    break;
            }
            try {
                return method.invoke(delegate(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
