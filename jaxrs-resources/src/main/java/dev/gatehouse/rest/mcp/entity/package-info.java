/**
 * The MCP gateway's rows: the upstream MCP servers each workspace registers
 * ({@code mcp_upstream_servers}). Their credentials are stored only encrypted.
 */
package dev.gatehouse.rest.mcp.entity;
