package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantData;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Produces the {@link TenantData} {@code EntityManager}: every call goes to an EntityManager of
 * the tenant active at that moment, so code never writes {@code tenant_id} and never passes a
 * tenant id. One per tenant and request (a request that runs work as another tenant through
 * {@code TenantRunner} gets that tenant's), created on first use and closed with the request.
 * Each joins the current JTA transaction when used.
 * <p>
 * Only the map of a request's open EntityManagers is request-scoped, and it is made by a producer
 * method: a request-scoped managed bean costs the server a resource-injection pass per request
 * (reflection on Payara), and a request-scoped EntityManager a second proxy on every call
 * (docs/BENCHMARKS.md measures both).
 */
@ApplicationScoped
class TenantEntityManagerProducer {

    @Inject
    TenantEntityManagers managers;

    @Inject
    TenantContext tenant;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    OpenEntityManagers open;

    /** Stateless: the same proxy serves every request and tenant, so any scope may hold it. */
    @Produces
    @TenantData
    @Dependent
    EntityManager tenantEntityManager() {
        return (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, new Joining());
    }

    @Produces
    @RequestScoped
    OpenEntityManagers openEntityManagers() {
        return new OpenEntityManagers();
    }

    void close(@Disposes OpenEntityManagers ended) {
        ended.closeAll();
    }

    private EntityManager delegate() {
        String tenantId = tenant.require().id(); // fail closed before any SQL is issued
        EntityManager delegate =
                open.of(tenantId, managers.routeOf(tenantId), (id, route) -> managers.openRouted(id, route, Map.of()));
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE && !delegate.isJoinedToTransaction()) {
            delegate.joinTransaction();
        }
        return delegate;
    }

    /** Every call goes to the current tenant's EntityManager, joined to the current transaction. */
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
                    return "EntityManager of tenant "
                            + tenant.current().map(t -> t.id()).orElse("(none)");
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
