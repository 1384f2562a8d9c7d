package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.admin.control.CacheClearing;
import dev.rockstar.tenancy.admin.control.Footprint;
import dev.rockstar.tenancy.admin.control.TenantFootprints;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import dev.rockstar.tenancy.users.control.UserAdministration;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One tenant: its settings, hosts, status, cache, users and footprint, each change through the
 * control class the admin API uses for it ({@code PATCH}, {@code PUT}/{@code DELETE .../hosts},
 * {@code DELETE .../cache}, {@code .../users}).
 */
@Named
@ViewScoped
public class EditTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Map<String, String> HOST_FIELDS = Map.of("host", "host");
    static final Map<String, String> USER_FIELDS =
            Map.of("username", "username", "password", "password", "roles", "roles");

    @Inject
    TenantRegistry registry;

    @Inject
    UserAdministration users;

    @Inject
    CacheClearing cacheClearing;

    @Inject
    TenantFootprints footprints;

    private String id;
    // Not Serializable, so not kept with a passivated view: read again when missing.
    private transient TenantInfo tenant;
    private SettingsForm settings = new SettingsForm();
    private String newHost;
    private String newUsername;
    private String newPassword;
    private String newRoles;
    private final Map<String, String> resetPasswords = new HashMap<>();
    // Read once per view: the page refers to them several times.
    private transient List<TenantUser> userList;
    private transient Footprint footprint;

    @PostConstruct
    void load() {
        id = TenantPages.tenantId();
        reload();
    }

    private void reload() {
        tenant = id == null ? null : registry.find(id).orElse(null);
        if (tenant != null) {
            settings = SettingsForm.of(tenant);
        }
    }

    public String save() {
        return change(
                () -> registry.change(
                        id,
                        new TenantRegistry.Change(
                                settings.getName(),
                                null,
                                ConfigForm.patch(getTenant().config(), settings.config()))),
                "settings",
                SettingsForm.FIELDS,
                "Settings saved");
    }

    public String suspend() {
        return change(
                () -> registry.change(id, new TenantRegistry.Change(null, TenantStatus.SUSPENDED, null)),
                "status",
                Map.of(),
                "Tenant suspended");
    }

    public String reactivate() {
        return change(
                () -> registry.change(id, new TenantRegistry.Change(null, TenantStatus.ACTIVE, null)),
                "status",
                Map.of(),
                "Tenant reactivated");
    }

    /** Served for reading, its data frozen: what a move or a replacing restore does by itself. */
    public String makeReadOnly() {
        return change(
                () -> registry.change(id, new TenantRegistry.Change(null, TenantStatus.READ_ONLY, null)),
                "status",
                Map.of(),
                "Tenant made read-only");
    }

    public String makeWritable() {
        return change(
                () -> registry.change(id, new TenantRegistry.Change(null, TenantStatus.ACTIVE, null)),
                "status",
                Map.of(),
                "Tenant writable again");
    }

    public String addHost() {
        return change(
                () -> registry.addHost(id, newHost == null ? "" : newHost.strip()), "hosts", HOST_FIELDS, "Host added");
    }

    public String removeHost(String host) {
        return change(() -> registry.removeHost(id, host), "hosts", HOST_FIELDS, "Host " + host + " removed");
    }

    public String clearCache() {
        return change(() -> cacheClearing.clear(id), "cache", Map.of(), "Cache cleared");
    }

    public String addUser() {
        return change(
                () -> users.create(id, newUsername, newPassword, ConfigForm.hosts(newRoles)),
                "users",
                USER_FIELDS,
                "User " + newUsername + " added");
    }

    public String resetPassword(String username) {
        return change(
                () -> {
                    users.resetPassword(id, username, resetPasswords.get(username));
                    return null;
                },
                "users",
                USER_FIELDS,
                "Password of " + username + " reset");
    }

    public String removeUser(String username) {
        return change(
                () -> {
                    users.delete(id, username);
                    return null;
                },
                "users",
                USER_FIELDS,
                "User " + username + " removed");
    }

    /** Runs one change; on success the page is fetched afresh (POST, redirect, GET), on refusal the form shows why. */
    private String change(Supplier<Object> action, String form, Map<String, String> fields, String done) {
        try {
            action.get();
            FormMessages.done(done);
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + id;
        } catch (ProblemException e) {
            FormMessages.refused(e, form, fields);
            return null;
        }
    }

    public TenantInfo getTenant() {
        if (tenant == null && id != null) {
            tenant = registry.find(id).orElse(null);
        }
        return tenant;
    }

    public List<TenantUser> getUsers() {
        if (userList == null) {
            userList = getTenant() == null ? List.of() : List.copyOf(users.list(id));
        }
        return userList;
    }

    public Footprint getFootprint() {
        if (footprint == null && getTenant() != null) {
            footprint = footprints.of(id);
        }
        return footprint;
    }

    public int getRecentMinutes() {
        return TenantMetrics.recentMinutes();
    }

    public String getId() {
        return id;
    }

    public SettingsForm getSettings() {
        return settings;
    }

    public String getNewHost() {
        return newHost;
    }

    public void setNewHost(String newHost) {
        this.newHost = newHost;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getNewRoles() {
        return newRoles;
    }

    public void setNewRoles(String newRoles) {
        this.newRoles = newRoles;
    }

    public Map<String, String> getResetPasswords() {
        return resetPasswords;
    }
}
