package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.audit.entity.AuditEntry;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The audit log page: filtered by tenant, event and time (UTC), newest first, a page of
 * {@value #PAGE_SIZE} from the database. A read, so a GET form, like {@code GET /api/admin/audit}.
 */
@Named
@RequestScoped
public class AuditTrail {

    static final int PAGE_SIZE = 25;

    @Inject
    AuditLog audit;

    private String tenant;
    private String event;
    private String since;
    private String until;
    private int page;
    private List<AuditEntry> entries = List.of();
    private long total;

    @PostConstruct
    void search() {
        Map<String, String> params =
                FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        tenant = blankToNull(params.get("tenant"));
        event = blankToNull(params.get("event"));
        since = blankToNull(params.get("since"));
        until = blankToNull(params.get("until"));
        page = Paging.pageParam(params.get("page"));
        try {
            var query = new AuditLog.Query(tenant, event, instant(since), instant(until));
            total = audit.count(query);
            entries = audit.find(query, page * PAGE_SIZE, PAGE_SIZE);
        } catch (DateTimeParseException e) {
            FacesContext.getCurrentInstance()
                    .addMessage(
                            null,
                            new FacesMessage(
                                    FacesMessage.SEVERITY_ERROR, "Times are like 2026-11-28T09:30 (UTC)", null));
        } catch (ValidationFailedException e) {
            FacesContext.getCurrentInstance()
                    .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    /** As an {@code <input type="datetime-local">} sends it, read as UTC. */
    static Instant instant(String value) {
        return value == null ? null : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public List<AuditEntry> getEntries() {
        return entries;
    }

    public Paging getPaging() {
        return new Paging(page, PAGE_SIZE, total);
    }

    public String getTenant() {
        return tenant == null
                ? ""
                : tenant; // never null: the paging links carry it, and Faces cannot encode a null one
    }

    public String getEvent() {
        return event == null ? "" : event; // never null: the paging links carry it, and Faces cannot encode a null one
    }

    public String getSince() {
        return since == null ? "" : since; // never null: the paging links carry it, and Faces cannot encode a null one
    }

    public String getUntil() {
        return until == null ? "" : until; // never null: the paging links carry it, and Faces cannot encode a null one
    }
}
