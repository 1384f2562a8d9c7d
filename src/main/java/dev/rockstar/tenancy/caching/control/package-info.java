/** The mechanics of tenant caching: the JCache door, the key, the interceptor and eviction. */
package dev.rockstar.tenancy.caching.control;
