// Drives Gatehouse's pixel from real pages in headless Chromium (the system's /usr/bin/chromium).
// Usage: node pixel-browser.mjs <Gatehouse base URL ending in />
// Serves test pages from http://localhost:<free port> (bound to 127.0.0.1) and, as a visitor with a
// normal desktop user agent: loads Gatehouse's script (pageview), navigates with pushState, fires a
// custom event and leaves the page (pagehide beacon); loads a page whose <noscript> image hits
// track.gif with JavaScript off; loads the same site with @plausible-analytics/tracker (npm) posting
// to Gatehouse as a second visitor; and loads the script page with Headless Chrome's own user agent.
// Prints one JSON line with what each step saw; exits non-zero when a step did not happen.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36";
export const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

const base = process.argv[2];
const gh = base.replace(/\/$/, "");
const plausibleJs = await readFile(createRequire(import.meta.url).resolve("@plausible-analytics/tracker"));

let port = 0;
const pages = {
  "/": () => `<!doctype html><html lang="en"><head><title>Shop</title>
<script defer src="${gh}/api/v1/pixel/script.js"></script></head><body><h1>Shop</h1></body></html>`,
  "/noscript.html": () => `<!doctype html><html lang="en"><head><title>No script</title></head><body>
<noscript><img src="${gh}/api/v1/pixel/track.gif?u=${encodeURIComponent(`http://localhost:${port}/noscript.html`)}" alt=""></noscript>
</body></html>`,
  "/plausible.html": () => `<!doctype html><html lang="en"><head><title>Plausible tracker</title>
<script type="module">
import { init, track } from "/plausible.js";
window.__plausible = true; // the tracker ignores automated browsers unless told otherwise
init({ domain: "localhost", endpoint: "${gh}/api/v1/pixel/track", captureOnLocalhost: true, logging: false });
window.trackDownload = () => track("Download", { props: { file: "report.pdf" } });
</script></head><body><h1>Plausible</h1></body></html>`,
};
const server = createServer((req, res) => {
  const path = req.url.split("?")[0];
  if (path === "/plausible.js") {
    res.writeHead(200, { "Content-Type": "text/javascript" });
    return res.end(plausibleJs);
  }
  const page = pages[path];
  if (!page) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(page());
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
port = server.address().port;
const site = `http://localhost:${port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
});
const out = { port, steps: {} };
const isTrack = (name) => (r) => r.url().startsWith(gh + "/api/v1/pixel/track") && r.request().method() === "POST"
    && (r.request().postData() || "").includes(`"${name}"`);
// Status and headers only: Playwright may never hand over the body of a keep-alive request.
function answer(response) {
  const dropped = response.headers()["x-pixel-dropped"] || null;
  return { status: response.status(), tracked: response.status() === 200 && dropped === null, dropped };
}
try {
  // 1. Gatehouse's own script, as a desktop visitor.
  const ours = await browser.newContext({ userAgent: DESKTOP });
  const page = await ours.newPage();
  let pageview = page.waitForResponse(isTrack("pageview"), { timeout: 30000 });
  await page.goto(site + "/", { waitUntil: "load" });
  out.steps.pageview = answer(await pageview);
  pageview = page.waitForResponse(isTrack("pageview"), { timeout: 30000 });
  await page.evaluate(() => history.pushState({}, "", "/spa/second"));
  out.steps.spa = answer(await pageview);
  const custom = page.waitForResponse(isTrack("Signup"), { timeout: 30000 });
  await page.evaluate(() => window.gatehouse("Signup", { props: { plan: "pro" } }));
  out.steps.custom = answer(await custom);
  // Closing the tab fires the pagehide beacon (sendBeacon, text/plain). The test finds it in the
  // database: the driver does not reliably see a beacon's request. The context stays open until the
  // end, so the beacon is not cancelled on its way.
  await page.close({ runBeforeUnload: true });
  out.steps.beacon = { left: true };

  // 2. The <noscript> image, JavaScript off, same visitor.
  const noscript = await browser.newContext({ userAgent: DESKTOP, javaScriptEnabled: false });
  const page2 = await noscript.newPage();
  const gif = page2.waitForResponse((r) => r.url().startsWith(gh + "/api/v1/pixel/track.gif"), { timeout: 30000 });
  await page2.goto(site + "/noscript.html", { waitUntil: "load" });
  const gifResponse = await gif;
  out.steps.gif = { status: gifResponse.status(), type: gifResponse.headers()["content-type"],
                    cache: gifResponse.headers()["cache-control"] };
  await noscript.close();

  // 3. @plausible-analytics/tracker from npm, pointed at Gatehouse, as a second visitor.
  const plausible = await browser.newContext({ userAgent: FIREFOX });
  const page3 = await plausible.newPage();
  const pv = page3.waitForResponse(isTrack("pageview"), { timeout: 30000 });
  await page3.goto(site + "/plausible.html", { waitUntil: "load" });
  out.steps.plausiblePageview = answer(await pv);
  const download = page3.waitForResponse(isTrack("Download"), { timeout: 30000 });
  await page3.evaluate(() => window.trackDownload());
  out.steps.plausibleEvent = answer(await download);
  await plausible.close();

  // 4. Headless Chrome as it introduces itself: a bot, dropped.
  const headless = await browser.newContext();
  const page4 = await headless.newPage();
  const dropped = page4.waitForResponse(isTrack("pageview"), { timeout: 30000 });
  await page4.goto(site + "/", { waitUntil: "load" });
  out.steps.headless = answer(await dropped);
  out.headlessUserAgent = await page4.evaluate(() => navigator.userAgent);
  await headless.close();
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(String(e && e.stack || e));
  console.error(JSON.stringify(out));
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
