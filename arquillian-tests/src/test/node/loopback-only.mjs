// Preload (node --import ./loopback-only.mjs …) that makes a server which listens on a port without naming
// a host listen on 127.0.0.1 instead of every interface. McpGatewayIT starts @modelcontextprotocol/server-everything
// with it: that server calls app.listen(PORT) and has no host option.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && first.host === undefined && first.path === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
