/**
 * The operators' console at {@code /admin/}: Jakarta Faces pages ({@code webapp/admin/}) backed
 * by one bean per use case, each calling the same control classes as the admin REST API, so the
 * two can never disagree on validation, events, cache eviction or auditing.
 */
package dev.rockstar.tenancy.admin.console;
