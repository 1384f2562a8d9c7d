/** One shape for every error: {@code application/problem+json} with the codes of docs/HTTP-API.md. */
package dev.rockstar.tenancy.problems;
