/** One shape for every error: {@code application/problem+json} with the contract's codes. */
package dev.rockstar.tenancy.problems;
