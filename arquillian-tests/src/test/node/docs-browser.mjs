// Drives the served docs pages in headless Chromium (the system's /usr/bin/chromium).
// Usage: node docs-browser.mjs <swagger|redoc> <base URL ending in /> <key> <screenshot file>
// Prints one JSON line with what the page showed; exits non-zero when the page did not work.
import { chromium } from "playwright-core";

const [mode, base, key, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
});
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  // Every request that reaches the network layer and is not for this server is recorded and
  // aborted: the pages must work with no internet. (Requests the page's CSP blocks never get here.)
  const external = [];
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith("data:") || u.startsWith("blob:")) {
      return route.continue();
    }
    external.push(u);
    return route.abort();
  });
  if (mode === "swagger") {
    await page.goto(base + "docs/", { waitUntil: "load" });
    await page.waitForSelector(".swagger-ui .info .title", { timeout: 60000 });
    out.title = (await page.textContent(".swagger-ui .info .title")).trim();
    await page.click("button.authorize");
    const bearer = page.locator(".auth-container").filter({ hasText: "bearerAuth" });
    await bearer.locator("input").first().fill(key);
    await bearer.locator("button.authorize").click();
    await page.click("button.close-modal");
    const op = page.locator("#operations-Identity-getMe");
    await op.locator(".opblock-summary").first().click();
    await op.locator("button.try-out__btn").click();
    await op.locator("button.execute").click();
    const status = op.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor({ timeout: 60000 });
    out.status = (await status.textContent()).trim();
    out.body = (await op.locator(".live-responses-table .response-col_description pre").first().textContent()).trim();
    out.curl = (await op.locator(".curl-command").first().textContent()).trim();
  } else {
    await page.goto(base + "redoc/", { waitUntil: "load" });
    await page.waitForSelector("[data-section-id^='operation/']", { timeout: 60000 });
    out.operations = await page.locator("[data-section-id^='operation/']").count();
    out.text = (await page.textContent("body")).slice(0, 100000);
    out.hasCreateApiKey = out.text.includes("Create an API key");
    delete out.text;
  }
  out.external = external;
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
