package dev.rockstar.tenancy.users.entity;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.PrimaryKey;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A user of one tenant: the same username in another tenant is another user. */
@Entity
@Table(name = TenantUser.TABLE)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = TenantDiscriminator.COLUMN,
        contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
        length = 63,
        primaryKey = true)
@PrimaryKey // composite: the tenant and the @Id (TenantDiscriminator says why not @IdClass)
public class TenantUser {

    public static final String TABLE = "tenant_user";
    /** The columns that hold a user's credentials: a tenant archive made without credentials leaves them out. */
    public static final String PASSWORD_HASH = "password_hash";

    public static final String CREDENTIAL_STAMP = "credential_stamp";

    /**
     * The password hash of a user who has no password (restored from an archive without
     * credentials): no password matches it, and it is no hash at all, so the login refuses it
     * without hashing; an operator's password reset gives the user one.
     */
    public static final String NO_PASSWORD = "";

    @Id
    @Column(name = "username", length = 100)
    private String username;

    /** A PBKDF2 hash (Jakarta Security's {@code Pbkdf2PasswordHash}), never the password. */
    @Column(name = PASSWORD_HASH, nullable = false, length = 500)
    private String passwordHash;

    @Column(name = "roles", nullable = false, length = 1000)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** Changes with the password (and is new for a re-created user): sessions opened before end. */
    @Column(name = CREDENTIAL_STAMP, length = 36)
    private String credentialStamp;

    protected TenantUser() {}

    public TenantUser(String username, String passwordHash, List<String> roles, OffsetDateTime createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.createdAt = createdAt;
        this.credentialStamp = UUID.randomUUID().toString();
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /** A hash of the same password with other parameters: the credentials, and so the sessions, stay. */
    public void rehashPassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    /** A new password: every session opened with the old one ends at its next request. */
    public void resetPassword(String passwordHash) {
        this.passwordHash = passwordHash;
        this.credentialStamp = UUID.randomUUID().toString();
    }

    public void setRoles(List<String> roles) {
        this.roles = String.join(",", roles);
    }

    /** {@code null} for a user created before stamps existed and not reset since. */
    public String getCredentialStamp() {
        return credentialStamp;
    }

    public List<String> getRoles() {
        return roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
