// Drives Gatehouse's /mcp with the official MCP TypeScript SDK client, as Claude Desktop or Cursor would.
// Usage: node mcp-client.mjs <mcp-url> <api-key> '<steps as JSON>'
// Steps: {"op": "listTools"} | {"op": "callTool", "name": …, "arguments": {…}} | {"op": "readResource", "uri": …}
//        | {"op": "listResources"} | {"op": "listTemplates"} | {"op": "ping"}
// Prints one JSON line: {"server": {...}, "protocolVersion": …, "results": [one per step]}; a step that throws
// gives {"thrown": {"name", "message", "code"}}.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, key, stepsJson] = process.argv.slice(2);
const steps = JSON.parse(stepsJson ?? '[]');
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: 'gatehouse-it', version: '1.0.0' });
const out = { results: [] };
try {
  await client.connect(transport);
  out.server = client.getServerVersion();
  out.protocolVersion = transport.protocolVersion ?? null;
} catch (e) {
  out.connectError = { name: e?.constructor?.name, message: String(e?.message ?? e), code: e?.code ?? null };
  console.log(JSON.stringify(out));
  process.exit(0);
}
for (const step of steps) {
  try {
    switch (step.op) {
      case 'listTools': {
        const r = await client.listTools();
        out.results.push({ tools: r.tools });
        break;
      }
      case 'callTool':
        out.results.push(await client.callTool({ name: step.name, arguments: step.arguments ?? {} }));
        break;
      case 'readResource':
        out.results.push(await client.readResource({ uri: step.uri }));
        break;
      case 'listResources':
        out.results.push(await client.listResources());
        break;
      case 'listTemplates':
        out.results.push(await client.listResourceTemplates());
        break;
      case 'ping':
        out.results.push(await client.ping());
        break;
      default:
        throw new Error(`unknown step ${step.op}`);
    }
  } catch (e) {
    out.results.push({ thrown: { name: e?.constructor?.name, message: String(e?.message ?? e), code: e?.code ?? null } });
  }
}
await client.close();
console.log(JSON.stringify(out));
