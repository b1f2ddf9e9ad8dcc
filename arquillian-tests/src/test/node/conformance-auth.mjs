// Preloaded (node --import) into the MCP conformance suite, which has no option for request headers:
// every HTTP request it makes — through fetch (the SDK client) or undici's request (the DNS-rebinding
// scenario) — carries the API key from MCP_CONFORMANCE_KEY. Both use undici's global dispatcher.
import { Agent, setGlobalDispatcher } from 'undici';

const key = process.env.MCP_CONFORMANCE_KEY;
if (!key) {
  throw new Error('MCP_CONFORMANCE_KEY is not set');
}

function withAuthorization(headers) {
  if (headers == null) {
    return { authorization: `Bearer ${key}` };
  }
  if (Array.isArray(headers)) {
    const out = [];
    for (let i = 0; i < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() !== 'authorization') out.push(headers[i], headers[i + 1]);
    }
    return [...out, 'authorization', `Bearer ${key}`];
  }
  const out = {};
  const entries = typeof headers[Symbol.iterator] === 'function' && !(headers.constructor === Object)
    ? [...headers] : Object.entries(headers);
  for (const [name, value] of entries) {
    if (name.toLowerCase() !== 'authorization') out[name] = value;
  }
  out.authorization = `Bearer ${key}`;
  return out;
}

setGlobalDispatcher(new Agent().compose((dispatch) => (options, handler) =>
  dispatch({ ...options, headers: withAuthorization(options.headers) }, handler)));
