package dev.rockstar.tenancy.admin.console;

import jakarta.faces.context.FacesContext;

/** What the pages about one tenant share: the tenant they are about, named in the page's address. */
final class TenantPages {

    private TenantPages() {}

    /** The request's parameter of that name, {@code null} when it has none. */
    static String parameter(String name) {
        return FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get(name);
    }

    /** The tenant's id of {@code ?id=}, {@code null} when the address has none. */
    static String tenantId() {
        return parameter("id");
    }
}
