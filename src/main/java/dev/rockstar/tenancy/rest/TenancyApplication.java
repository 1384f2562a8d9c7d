package dev.rockstar.tenancy.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under {@code /api}; the classes are found by scanning. */
@ApplicationPath("/api")
public class TenancyApplication extends Application {}
