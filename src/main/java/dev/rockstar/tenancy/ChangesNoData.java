package dev.rockstar.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} resource method (or every
 * method of a class) that changes none of the tenant's stored data, so that it is served while the
 * tenant is {@link TenantStatus#READ_ONLY}. Without it, such a method of a read-only tenant
 * answers 503 {@code TENANT_READ_ONLY} before it runs; {@code GET}, {@code HEAD} and
 * {@code OPTIONS} are always served.
 * <pre>
 * &#64;POST &#64;Path("search") &#64;ChangesNoData
 * public JsonObject search(String query) { ... }       // a query sent as a body
 * </pre>
 * It opens the request only: a write of the tenant's rows made anyway (through JPA) is still
 * refused with the same 503.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ChangesNoData {}
