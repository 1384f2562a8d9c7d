/** The record of each move of a tenant between placements. */
package dev.rockstar.tenancy.placement.entity;
