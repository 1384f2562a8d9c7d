package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tenants page: a search by id, name or host, a status filter, and a page of
 * {@value #PAGE_SIZE} from the database. A read, so a GET form: the page's address is the search.
 */
@Named
@RequestScoped
public class ListTenants {

    static final int PAGE_SIZE = 20;

    @Inject
    TenantRegistry registry;

    private String text;
    private String status;
    private int page;
    private List<TenantInfo> tenants;
    private long total;

    @PostConstruct
    void search() {
        Map<String, String> params =
                FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        text = params.get("q");
        status = Arrays.stream(TenantStatus.values())
                .map(Enum::name)
                .filter(name -> name.equals(params.get("status")))
                .findFirst()
                .orElse("");
        page = Paging.pageParam(params.get("page"));
        try {
            var search = new TenantRegistry.Search(text, status.isEmpty() ? null : TenantStatus.valueOf(status));
            total = registry.count(search);
            tenants = registry.page(search, page * PAGE_SIZE, PAGE_SIZE);
        } catch (ValidationFailedException e) { // a search no tenant can match, such as one with U+0000
            tenants = List.of();
            FacesContext.getCurrentInstance()
                    .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    public List<TenantInfo> getTenants() {
        return tenants;
    }

    public Paging getPaging() {
        return new Paging(page, PAGE_SIZE, total);
    }

    /** Never null: the paging links carry it as a parameter, and Faces cannot encode a null one (a 500). */
    public String getText() {
        return text == null ? "" : text;
    }

    public String getStatus() {
        return status;
    }
}
