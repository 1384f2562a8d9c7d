package dev.rockstar.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a JAX-RS resource method (or every method of a class) available only to tenants that
 * have a feature flag on; others get 403 {@code FEATURE_DISABLED}. Flags are set per tenant in
 * {@code config.features}, with defaults in {@code tenancy.defaults.features.*}.
 * <pre>
 * &#64;GET
 * &#64;Path("export")
 * &#64;RequiresFeature("exports")
 * public JsonArray export() { ... }
 * </pre>
 * Implies {@link TenantScoped}: the flag is checked as one step of the whole tenant chain (drawn,
 * with its order, in the package-info of {@code dev.rockstar.tenancy.pipeline}), so the method
 * needs no second annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresFeature {

    /** The feature flag, as in {@code config.features}. */
    String value();
}
