package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.admin.control.QueryLogging;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.querylog.LoggedStatement;
import dev.rockstar.tenancy.querylog.QueryLog;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's query log on its console page: turn it on for some minutes (bind values shown or
 * not) or off, and read this node's last statements, through the control class of
 * {@code PUT}/{@code GET}/{@code DELETE .../query-log}.
 */
@Named
@ViewScoped
public class WatchQueries implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Map<String, String> FIELDS = Map.of("minutes", "minutes");

    @Inject
    QueryLogging queryLogging;

    private String id;
    private String minutes = "15";
    private boolean values;
    // Read once per view; not Serializable.
    private transient Optional<QueryLog.Watch> watch;

    @PostConstruct
    void load() {
        id = TenantPages.tenantId();
    }

    public String turnOn() {
        try {
            double length = parse(minutes);
            queryLogging.turnOn(id, length, values);
            FormMessages.done("Query log on for " + minutes + " minutes");
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + id;
        } catch (ProblemException e) {
            FormMessages.refused(e, "query-log", FIELDS);
            return null;
        }
    }

    public String turnOff() {
        try {
            queryLogging.turnOff(id);
            FormMessages.done("Query log off");
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + id;
        } catch (ProblemException e) {
            FormMessages.refused(e, "query-log", FIELDS);
            return null;
        }
    }

    private static double parse(String minutes) {
        try {
            return Double.parseDouble(minutes == null ? "" : minutes.strip());
        } catch (NumberFormatException e) {
            throw new ValidationFailedException("minutes", "minutes must be a number of minutes");
        }
    }

    private Optional<QueryLog.Watch> watch() {
        if (watch == null) {
            try {
                watch = id == null ? Optional.empty() : queryLogging.watching(id);
            } catch (ProblemException noTenant) {
                watch = Optional.empty();
            }
        }
        return watch;
    }

    public boolean isOn() {
        return watch().isPresent();
    }

    public String getUntil() {
        return watch().map(w -> w.until().toString()).orElse("");
    }

    public List<LoggedStatement> getStatements() {
        return watch().map(QueryLog.Watch::statements).orElse(List.of());
    }

    public String millis(LoggedStatement statement) {
        return String.format(java.util.Locale.ROOT, "%.3f", statement.millis());
    }

    public String getMinutes() {
        return minutes;
    }

    public void setMinutes(String minutes) {
        this.minutes = minutes;
    }

    public boolean isValues() {
        return values;
    }

    public void setValues(boolean values) {
        this.values = values;
    }
}
