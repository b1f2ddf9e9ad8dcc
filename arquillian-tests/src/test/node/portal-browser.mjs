// Drives the portal (/portal) and the console (/console) in headless Chromium (system /usr/bin/chromium):
// the browser flows, axe-core on every screen, screenshots at 1280 and 375 px.
// Usage: node portal-browser.mjs <base URL ending in /> <root key> <screenshot dir>
// Prints one JSON line of findings; the Java test asserts on them. Exits non-zero when a step broke.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";

const [base, root, shots] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const out = { axe: {}, cspViolations: [], external: [], screens: [] };

// A local webhook receiver on 127.0.0.1, port chosen by the system; answers `receiverStatus`.
let receiverStatus = 200;
const received = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => { received.push(body); res.writeHead(receiverStatus).end("ok " + receiverStatus); });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

async function call(method, path, key, body, workspace) {
  const headers = { Authorization: "Bearer " + key, "Content-Type": "application/json" };
  if (workspace) headers["X-Workspace-ID"] = String(workspace);
  const res = await fetch(base + "api/v1/" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function mint(ws, scopes) {
  const r = await call("POST", "portal/sessions", root, { workspace_id: ws, end_user: "browser-user", scopes });
  if (r.status !== 201) throw new Error("mint failed: " + JSON.stringify(r));
  return r.json.data.url;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-dev-shm-usage"],
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) out.cspViolations.push(m.text()); });
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith("data:")) return route.continue();
    out.external.push(u);
    return route.abort();
  });
  return page;
}

async function check(page, name) {
  await page.waitForSelector("main h1");
  await page.waitForFunction(() => !document.querySelector("main .loading"));
  await page.evaluate(axeSource + "\n;0");
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  out.axe[name] = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "));
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  out.screens.push(name);
}

async function go(page, screen) {
  await page.click(`#nav a[data-screen=${screen}]`);
  await page.waitForFunction((s) => location.hash === "#/" + s && !document.querySelector("main .loading"), screen);
}

async function waitFor(fn, what, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 250));
  }
}

try {
  const ws = (await call("POST", "workspaces", root, { name: "Browser Co", tier: "pro" })).json.data.id;
  const other = (await call("POST", "workspaces", root, { name: "Someone Else" })).json.data.id;
  const otherKeyId = (await call("POST", "api-keys", root, { name: "theirs", scopes: ["api-keys:read"] }, other)).json.data.id;
  const all = ["api-keys:read", "api-keys:write", "api-keys:delete", "webhooks:read", "webhooks:write", "webhooks:delete",
               "entitlements:read", "audit:read", "mcp:read"];

  // 1. The link signs in once, and leaves no token in the address bar.
  const link = await mint(ws, all);
  const page = await newPage();
  await page.goto(link);
  await page.waitForSelector("#nav a[data-screen=overview]");
  out.urlAfterSignIn = page.url();
  out.brand = (await page.textContent("#brand")).trim();
  await check(page, "overview");
  const second = await newPage();
  await second.goto(link);
  await second.waitForSelector("main [role=alert]");
  out.secondUse = (await second.textContent("main [role=alert]")).trim();
  await second.context().close();

  // 2. API keys: create (secret once, works with curl), rotate, revoke.
  await go(page, "keys");
  await check(page, "keys");
  await page.fill("#key-name", "From the browser");
  await page.check("input[name=scope][value='api-keys:read']");
  await page.click("form button[type=submit]");
  await page.waitForSelector("[data-secret]");
  const secret = (await page.textContent("[data-secret]")).trim();
  out.secretShownOnce = (await page.locator("[data-secret]").count()) === 1;
  out.secretWorks = (await call("GET", "me", secret)).status;
  await page.click("#key-result button");
  out.copied = await page.evaluate(() => navigator.clipboard.readText()) === secret;
  await go(page, "overview");
  await go(page, "keys");
  out.secretGoneAfterLeaving = (await page.locator("[data-secret]").count()) === 0 && !(await page.content()).includes(secret);
  const row = page.locator("tbody tr", { hasText: "From the browser" }).first();
  await row.locator("button", { hasText: "Rotate" }).click();
  await page.click("dialog button.danger");
  await page.waitForSelector("[data-secret]");
  const rotated = (await page.textContent("[data-secret]")).trim();
  out.rotatedWorks = (await call("GET", "me", rotated)).status;
  const active = page.locator("tbody tr", { hasText: "From the browser" }).filter({ hasText: "active" });
  await active.locator("button", { hasText: "Revoke" }).first().click();
  await page.click("dialog button.danger");
  await page.waitForSelector("#status .notice.success:has-text('revoked')");
  out.revokedAnswers = (await call("GET", "me", rotated)).status;

  // 3. Webhooks: add an endpoint to the local receiver, send a test, see a delivery, retry a failed one.
  await go(page, "webhooks");
  await page.fill("#hook-url", receiverUrl);
  await page.check("input[name=event][value='*']");
  await page.click("form button[type=submit]");
  await page.waitForSelector("[data-secret]");
  out.webhookSecretShown = (await page.textContent("[data-secret]")).trim().startsWith("whsec_");
  await check(page, "webhooks");
  await page.click("button:has-text('Send test')");
  await page.waitForSelector("#status .notice:has-text('Test')");
  out.testAnswer = (await page.textContent("#status .notice")).trim();
  receiverStatus = 500;
  await call("POST", "events", root, { type: "post.created", id: "evt_browser_1", data: { id: 1 } }, ws);
  const endpointId = (await call("GET", "webhooks", root, undefined, ws)).json.data[0].id;
  await waitFor(async () => (await call("GET", `webhooks/${endpointId}/deliveries?status=failed`, root, undefined, ws)).json.data
    .some((d) => d.event_id === "evt_browser_1"), "the delivery to fail");
  receiverStatus = 200;
  await page.click("button:has-text('Deliveries')");
  await page.waitForSelector("#deliveries table");
  await page.selectOption("#delivery-status", "failed");
  await page.waitForSelector("#deliveries button:has-text('Retry')");
  await check(page, "deliveries");
  await page.click("#deliveries button:has-text('Details')");
  await page.waitForSelector("#attempts .card");
  out.attemptShown = (await page.textContent("#attempts")).includes("HTTP 500");
  await page.click("#deliveries button:has-text('Retry')");
  await waitFor(async () => (await call("GET", `webhooks/${endpointId}/deliveries?status=success`, root, undefined, ws)).json.data
    .some((d) => d.event_id === "evt_browser_1"), "the retried delivery to arrive");
  out.retriedDelivered = true;

  // 4. Usage moves after usage is recorded.
  await call("POST", "entitlements/usage", root, { feature: "api_calls", quantity: 42 }, ws);
  await go(page, "usage");
  await page.selectOption("#usage-feature", "api_calls");
  await page.waitForSelector("#chart figcaption:has-text('api_calls')");
  await page.click("#chart summary");
  out.usageShown = await page.waitForFunction(() => document.querySelector("#chart figcaption").textContent.includes("api_calls")
    && document.querySelector("#chart table").textContent.includes("42"), null, { timeout: 10000 }).then(() => true, () => false);
  await check(page, "usage");

  // 5. Audit log, filterable.
  await go(page, "audit");
  await page.fill("#audit-type", "api_key.revoked");
  await page.click("form[role=search] button");
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("main tbody tr")];
    return rows.length > 0 && rows.every((tr) => tr.textContent.includes("api_key.revoked"));
  });
  out.auditRows = await page.locator("main tbody tr").count();
  out.auditFilteredOnly = (await page.locator("main tbody tr").allTextContents()).every((t) => t.includes("api_key.revoked"));
  await check(page, "audit");

  // 5b. MCP: the configuration to paste into a client, and the tools this session may call.
  await go(page, "mcp");
  await page.waitForSelector("main pre.config");
  const mcpConfig = JSON.parse(await page.locator("main pre.config").textContent());
  out.mcpUrl = mcpConfig.mcpServers.gatehouse.url;
  await page.click("main section.server summary");
  out.mcpTools = await page.locator("main ul.tools li").allTextContents();
  await check(page, "mcp");

  // 6. Another workspace: direct calls with the session are 404; a write without the CSRF token is 403.
  out.crossWorkspace = await page.evaluate(async ([o, k]) => {
    const a = await fetch(`../api/v1/api-keys/${k}`);
    const b = await fetch("../api/v1/api-keys", { headers: { "X-Workspace-ID": String(o) } });
    return [a.status, b.status];
  }, [other, otherKeyId]);
  out.csrfless = await page.evaluate(async () => (await fetch("../api/v1/api-keys", { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "forged" }) })).status);

  // 7. A session without webhooks:write sees no way to add an endpoint and gets 403 from the API.
  const readOnly = await newPage();
  await readOnly.goto(await mint(ws, ["webhooks:read", "api-keys:read"]));
  await readOnly.waitForSelector("#nav a[data-screen=webhooks]");
  await go(readOnly, "webhooks");
  out.readOnlyHasAddForm = (await readOnly.locator("#hook-url").count()) > 0;
  out.readOnlyHasTestButton = (await readOnly.locator("button:has-text('Send test')").count()) > 0;
  out.readOnlyApiWrite = await readOnly.evaluate(async () => {
    const s = await (await fetch("../api/v1/portal/session")).json();
    return (await fetch("../api/v1/webhooks", { method: "POST", headers: { "Content-Type": "application/json",
      "X-CSRF-Token": s.data.csrf_token }, body: JSON.stringify({ url: "https://example.com/x", events: ["*"] }) })).status;
  });
  await readOnly.context().close();

  // 8. Logout ends the session.
  await page.click("#nav button:has-text('Log out')");
  await page.waitForSelector("main [role=alert]");
  out.afterLogout = await page.evaluate(async () => (await fetch("../api/v1/portal/session")).status);

  // 9. The portal refuses to be framed by an origin that is not listed (none is, by default).
  const framer = await newPage();
  await framer.setContent(`<iframe id="f" src="${base}portal/" title="portal"></iframe>`);
  await framer.waitForTimeout(1500);
  const frame = framer.frames().find((f) => f !== framer.mainFrame());
  out.framedLoaded = frame ? await frame.evaluate(() => !!document.getElementById("main")).catch(() => false) : false;
  // The refusal is reported like any CSP violation; it is the expected one, so it is kept apart.
  out.framingBlocked = out.cspViolations.some((m) => m.includes("frame-ancestors"));
  out.cspViolations = out.cspViolations.filter((m) => !m.includes("frame-ancestors"));
  await framer.context().close();

  // 10. The console: root key sign-in, workspaces, audit log, webhook health.
  const consolePage = await newPage();
  await consolePage.goto(base + "console/");
  await consolePage.waitForSelector("#root-key");
  await check(consolePage, "console-sign-in");
  await consolePage.fill("#root-key", root);
  await consolePage.click("form button[type=submit]");
  await consolePage.waitForSelector("main table");
  out.consoleListsWorkspace = (await consolePage.textContent("main table")).includes("Browser Co");
  await check(consolePage, "console-workspaces");
  await go(consolePage, "audit");
  await check(consolePage, "console-audit");
  await go(consolePage, "health");
  await check(consolePage, "console-health");
  await consolePage.context().close();
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(String((e && e.stack) || e));
  console.error(JSON.stringify(out));
  process.exitCode = 1;
} finally {
  await browser.close();
  receiver.close();
}
