// The load harness's HTTP client side (Node 20, no packages): what run.sh needs besides wrk.
// Every command prints NAME=value lines for run.sh to read, and exits non-zero with a message on
// stderr when something is wrong.
//
//   root-key                                   a fresh well-formed root key (gh_root_ + 24 base62 + CRC32 in base62)
//   free-port                                  a TCP port free on 127.0.0.1 right now
//   await <url> <key> <launch_ms> <timeout_s> <pid>
//                                              polls GET <url> with the key every 10 ms until it answers 200;
//                                              STARTUP_MS = that moment − launch_ms (epoch ms taken before launch)
//   setup <api> <root> <receiver>              workspaces, keys and webhook endpoints for the scenarios
//   usage-keys <api> <root> <n> <file>         n enterprise workspaces with one entitlements:write key each, the keys
//                                              into <file> one per line (usage.sh)
//   reset <receiver>                           zeroes the receiver's counters
//   stats <receiver>                           the receiver's counters
//   drain <receiver> <expected> <fanout> <timeout_s>
//                                              waits until every event reached every endpoint and
//                                              nothing more came for 2 s (or the timeout passed)
import net from 'node:net';
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function fail(message) {
    process.stderr.write(message + '\n');
    process.exit(1);
}

function print(values) {
    for (const [k, v] of Object.entries(values)) {
        process.stdout.write(`${k}=${v ?? ''}\n`);
    }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// CRC-32 (IEEE, as java.util.zip.CRC32); written out because zlib.crc32 needs Node 20.15+.
const CRC_TABLE = Array.from({length: 256}, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
});

function crc32(text) {
    let c = 0xFFFFFFFF;
    for (const b of Buffer.from(text, 'utf8')) {
        c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
    }
    return (c ^ 0xFFFFFFFF) >>> 0;
}

// The same format as api-keys-core's KeyFormat: the checksum is CRC32(prefix + random) as six base62 digits.
function rootKey() {
    let random = '';
    while (random.length < 24) {
        const b = crypto.randomBytes(1)[0];
        if (b < 248) { // 4 × 62: no modulo bias
            random += ALPHABET[b % 62];
        }
    }
    const body = 'gh_root_' + random;
    let value = crc32(body);
    let checksum = '';
    for (let i = 0; i < 6; i++) {
        checksum = ALPHABET[value % 62] + checksum;
        value = Math.floor(value / 62);
    }
    return body + checksum;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = server.address().port;
            server.close(() => resolve(port));
        });
    });
}

function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function awaitReady(url, key, launchMs, timeoutS, pid) {
    const deadline = launchMs + timeoutS * 1000;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
        if (!alive(pid)) {
            fail(`the server (pid ${pid}) exited before answering; last poll: ${last}`);
        }
        try {
            const r = await fetch(url, {headers: {Authorization: `Bearer ${key}`}, signal: AbortSignal.timeout(2000)});
            const now = Date.now();
            await r.arrayBuffer();
            if (r.status === 200) {
                print({STARTUP_MS: now - launchMs});
                return;
            }
            last = `HTTP ${r.status}`;
        } catch (e) {
            last = e.cause?.code ?? e.message;
        }
        await sleep(10);
    }
    fail(`no 200 from ${url} within ${timeoutS} s; last poll: ${last}`);
}

async function call(method, url, key, body, workspace) {
    const headers = {Authorization: `Bearer ${key}`};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (workspace !== undefined) {
        headers['X-Workspace-ID'] = String(workspace);
    }
    const r = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await r.text();
    if (r.status < 200 || r.status > 299) {
        fail(`${method} ${url} answered ${r.status}: ${text}`);
    }
    return JSON.parse(text);
}

// Two enterprise workspaces: A with one endpoint (scenarios b, c, d×1) and the pixel site of (e), B with
// ten endpoints (d×10). Each key holds only the scopes its scenarios need.
async function setup(api, root, receiver) {
    const out = {};
    for (const [name, endpoints] of [['A', 1], ['B', 10]]) {
        const ws = await call('POST', `${api}/workspaces`, root, {name: `Load harness ${name} ${Date.now()}`, tier: 'enterprise'});
        const wsId = ws.data.id;
        const key = await call('POST', `${api}/api-keys`, root,
            {name: `load harness ${name}`, scopes: ['entitlements:read', 'events:write']}, wsId);
        for (let i = 1; i <= endpoints; i++) {
            await call('POST', `${api}/webhooks`, root,
                {url: `${receiver}/hooks/${name}${i}`, events: ['bench.*'], description: `load harness ${name}${i}`}, wsId);
        }
        if (name === 'A') {
            // scenario (e): pixel hits from the pages of this site, its ingest ceiling at the maximum
            await call('POST', `${api}/sites`, root,
                {name: 'Load harness site', domains: ['bench.example'], ingest_limit_per_minute: 1000000}, wsId);
        }
        out[`WS_${name}`] = wsId;
        out[`KEY_${name}`] = key.data.key;
        out[`ENDPOINTS_${name}`] = endpoints;
    }
    print(out);
}

// The usage scenario: one workspace and key per wrk connection, as 32 clients of a metering service.
async function usageKeys(api, root, n, file) {
    const keys = [];
    for (let i = 0; i < n; i++) {
        const ws = await call('POST', `${api}/workspaces`, root, {name: `Load harness usage ${i} ${Date.now()}`, tier: 'enterprise'});
        const key = await call('POST', `${api}/api-keys`, root, {name: `usage ${i}`, scopes: ['entitlements:write']}, ws.data.id);
        keys.push(key.data.key);
    }
    const fs = await import('node:fs');
    fs.writeFileSync(file, keys.join('\n') + '\n');
    print({USAGE_KEYS: keys.length});
}

async function stats(receiver) {
    const r = await fetch(`${receiver}/_stats`);
    if (r.status !== 200) {
        fail(`receiver stats answered ${r.status}`);
    }
    return r.json();
}

function printStats(s, extra = {}) {
    print({RECEIVED: s.received, UNIQUE: s.unique, EVENTS: s.events, DUPLICATES: s.duplicates, FIRST_MS: s.first_ms, LAST_MS: s.last_ms,
        NOW_MS: s.now_ms, ...extra});
}

// Waits until every event seen so far has reached every endpoint: at least <expected> distinct
// deliveries (what wrk counted as accepted × fan-out) and at least distinct events × fan-out, since
// requests still in flight when wrk stopped were published too; then 2 s without a new receipt.
async function drain(receiver, expected, fanout, timeoutS) {
    const deadline = Date.now() + timeoutS * 1000;
    const quietMs = 2000;
    const target = s => Math.max(expected, s.events * fanout);
    let s = await stats(receiver);
    while (Date.now() < deadline) {
        if (s.unique >= target(s) && (s.last_ms === null || s.now_ms - s.last_ms >= quietMs)) {
            printStats(s, {EXPECTED: target(s), DRAINED: 1});
            return;
        }
        await sleep(100);
        s = await stats(receiver);
    }
    printStats(s, {EXPECTED: target(s), DRAINED: 0});
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
    case 'root-key':
        print({ROOT_KEY: rootKey()});
        break;
    case 'free-port':
        print({PORT: await freePort()});
        break;
    case 'await':
        await awaitReady(args[0], args[1], Number(args[2]), Number(args[3]), Number(args[4]));
        break;
    case 'setup':
        await setup(args[0], args[1], args[2]);
        break;
    case 'usage-keys':
        await usageKeys(args[0], args[1], Number(args[2]), args[3]);
        break;
    case 'reset': {
        const r = await fetch(`${args[0]}/_reset`, {method: 'POST'});
        if (r.status !== 204) {
            fail(`receiver reset answered ${r.status}`);
        }
        break;
    }
    case 'stats':
        printStats(await stats(args[0]));
        break;
    case 'drain':
        await drain(args[0], Number(args[1]), Number(args[2]), Number(args[3]));
        break;
    default:
        fail(`unknown command ${command}; see the top of ${process.argv[1]}`);
}
