/** What one tenant may use: its rate of requests, its quotas and its features. */
package dev.rockstar.tenancy.limits;
