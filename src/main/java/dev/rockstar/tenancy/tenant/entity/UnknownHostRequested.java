package dev.rockstar.tenancy.tenant.entity;

/** Fired when a tenant-scoped request arrives on a host no tenant owns. */
public record UnknownHostRequested(String host) {}
