/**
 * Whose work wrote a log record: the tenant bound on the thread and the request's id, put on every
 * record the application and the server write while they are set, in the server's own log
 * format; the same request id is the {@code instance} of every problem document the request
 * answers. {@link dev.rockstar.tenancy.logging.LogTags} holds them for the thread;
 * {@link dev.rockstar.tenancy.logging.RequestIdFilter} gives each request its id;
 * {@link dev.rockstar.tenancy.logging.LogEnrichment} puts them on the records, once per
 * deployment.
 */
package dev.rockstar.tenancy.logging;
