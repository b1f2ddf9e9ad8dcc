// A webhook receiver for the load harness: answers every POST under /hooks/ with 204 at once and
// counts it. No signature check — the harness measures Gatehouse's delivery rate, not the receiver.
//
//   node receiver.mjs [port]      prints "listening <port>" once it accepts connections (0 = any free port)
//   GET  /_stats                  {"received", "unique", "events", "duplicates", "first_ms", "last_ms", "now_ms"}
//   POST /_reset                  forgets everything counted so far
//
// "unique" counts distinct (path, webhook-id) pairs, so a retried delivery shows up as a duplicate;
// "events" counts distinct webhook-ids (Gatehouse sends the event id there).
// Times are epoch milliseconds of this machine's clock, the same clock the harness script reads.
import http from 'node:http';

let received = 0;
let firstMs = null;
let lastMs = null;
let seen = new Set();
let events = new Set();

function stats() {
    return {
        received,
        unique: seen.size,
        events: events.size,
        duplicates: received - seen.size,
        first_ms: firstMs,
        last_ms: lastMs,
        now_ms: Date.now(),
    };
}

const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url.startsWith('/hooks/')) {
        req.on('data', () => {});
        req.on('end', () => {
            const now = Date.now();
            received++;
            if (firstMs === null) {
                firstMs = now;
            }
            lastMs = now;
            const id = req.headers['webhook-id'] ?? String(received);
            seen.add(req.url + ' ' + id);
            events.add(id);
            res.writeHead(204);
            res.end();
        });
        return;
    }
    if (req.method === 'GET' && req.url === '/_stats') {
        const body = JSON.stringify(stats());
        res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
        res.end(body);
        return;
    }
    if (req.method === 'POST' && req.url === '/_reset') {
        received = 0;
        firstMs = null;
        lastMs = null;
        seen = new Set();
        events = new Set();
        res.writeHead(204);
        res.end();
        return;
    }
    res.writeHead(404);
    res.end();
});

// Gatehouse keeps connections open between deliveries; keep them longer than its idle pool does.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

const port = Number(process.argv[2] ?? 0);
server.listen(port, '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        server.close();
        server.closeAllConnections?.();
        process.exit(0);
    });
}
