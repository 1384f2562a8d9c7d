package dev.rockstar.tenancy.users.entity;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import dev.rockstar.tenancy.TenantDiscriminator;

/** A user of one tenant: the same username in another tenant is another user. */
@Entity
@Table(name = "tenant_user")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = TenantDiscriminator.COLUMN, contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
        length = 63, primaryKey = true)
public class TenantUser {

    @Id
    @Column(name = "username", length = 100)
    private String username;

    /** A PBKDF2 hash (Jakarta Security's {@code Pbkdf2PasswordHash}), never the password. */
    @Column(name = "password_hash", nullable = false, length = 500)
    private String passwordHash;

    @Column(name = "roles", nullable = false, length = 1000)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected TenantUser() {
    }

    public TenantUser(String username, String passwordHash, List<String> roles, OffsetDateTime createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.createdAt = createdAt;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public List<String> getRoles() {
        return roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
