package dev.rockstar.tenancy.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Test-only: an entity someone forgot to mark tenant-owned or global; the deployment must fail. */
@Entity
@Table(name = "stray")
public class StrayEntity {

    @Id
    private String id;
}
