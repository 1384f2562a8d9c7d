package dev.rockstar.tenancy.tenant.entity;

import java.util.List;

/**
 * Fired by a bulk registration inside its transaction, before the {@code REGISTERED} event of
 * each tenant, so that the directory loads the batch in a few queries after the commit instead of
 * refreshing tenant by tenant.
 */
public record TenantsImported(List<String> tenantIds) {
}
