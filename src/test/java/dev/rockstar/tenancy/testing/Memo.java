package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.PrimaryKey;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Test-only: an application's tenant-owned entity as docs/ADD-A-FEATURE.md writes one, with no
 * {@code @Table} (JPA's default name, {@code memo}) and no code for row-level security; its
 * migration is {@link #MIGRATION}.
 */
@Entity
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = TenantDiscriminator.COLUMN,
        contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
        length = 63,
        primaryKey = true)
@PrimaryKey
public class Memo {

    /**
     * The application's first migration of a tenant-owned table, where docs/ADD-A-FEATURE.md puts
     * it: run in {@code shared} and in every schema placement.
     */
    public static final String MIGRATION_PATH = "db/placement/V1__memo.sql";

    public static final String MIGRATION = """
            CREATE TABLE memo (
                tenant_id VARCHAR(63)   NOT NULL,
                id        VARCHAR(36)   NOT NULL,
                text      VARCHAR(2000) NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            """;

    @Id
    private String id;

    private String text;
}
