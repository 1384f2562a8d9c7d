/**
 * Requests that authenticate nobody skip the Jakarta Security bridge: a Jakarta Authentication
 * provider in front of the server's registration answers them at once and hands every other
 * request to it unchanged. Depends on nothing of the product, so a benchmark can put it in a WAR
 * of its own.
 */
package dev.rockstar.tenancy.security.anonymous;
