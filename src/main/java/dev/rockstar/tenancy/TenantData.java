package dev.rockstar.tenancy;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code EntityManager} bound to the current tenant, so that an application keeps
 * its own unqualified producer, and a reader sees at the injection point that the data is the
 * tenant's:
 * <pre>
 * &#64;Inject &#64;TenantData EntityManager em;
 * ...
 * em.find(Invoice.class, id);          // another tenant's id finds nothing
 * em.persist(new Invoice(...));        // tenant_id is written for you
 * </pre>
 * One per request, created on first use and closed with the request; it joins every JTA
 * transaction it is used in, so {@code @Transactional} works as with {@code @PersistenceContext}.
 * Used where no tenant is active it throws {@link NoTenantException}: it never falls back to an
 * unscoped view of the data. Entities it manages are tenant-owned (EclipseLink
 * {@code @Multitenant}) or marked {@link GlobalEntity}; the deployment fails otherwise.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface TenantData {}
