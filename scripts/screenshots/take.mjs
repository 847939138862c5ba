// Drives headless Chromium through Spotlight's UI and writes the documentation's two screenshots.
// Run by scripts/screenshots.sh, which starts Spotlight and the gateway sample first:
//
//   node take.mjs --spotlight http://127.0.0.1:PORT --event EVENT_ID --chromium /usr/bin/chromium \
//     --profile /tmp/fresh-profile-dir --out docs/images
//
// spotlight-event.png: the event's Context tab (tags, request, contexts) in a viewport tall enough for all
// of it, the contexts the SDK adds about the machine folded to one line each as a reader would fold them,
// then its Breadcrumbs and Details tabs below, each with the tab bar that names it.
// spotlight-logs.png: the Logs view.

import { parseArgs } from "node:util";
import { join } from "node:path";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    spotlight: { type: "string" },
    event: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    profile: { type: "string" },
    out: { type: "string" },
    "log-text": { type: "string", default: "Provider openrouter request failed" },
  },
  strict: true,
});
for (const required of ["spotlight", "event", "profile", "out"]) {
  if (!values[required]) {
    console.error(`take.mjs: --${required} is required`);
    process.exit(2);
  }
}

const width = 1440;
const logsWidth = 1600;
// Contexts about the machine and runtime, folded so that the request's own (request, log, provider, trace) stand out.
const foldedContexts = ["current culture", "dynamic code", "threadpool info", "app", "device", "os", "runtime"];
const waitLimit = 60_000;
const spotlight = values.spotlight.replace(/\/$/, "");
const eventUrl = (tab) => `${spotlight}/telemetry/errors/${values.event}/${tab}`;

// A fresh profile, and the flags without which the closed network refuses Chromium's connections.
const context = await chromium.launchPersistentContext(values.profile, {
  executablePath: values.chromium,
  headless: true,
  viewport: { width, height: 1000 },
  deviceScaleFactor: 1,
  colorScheme: "dark",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(waitLimit);

  // Opens a page of the UI, reloading until `ready` shows: what Spotlight shows may arrive after the page loads.
  async function openUntil(url, ready, what) {
    const deadline = Date.now() + waitLimit;
    while (true) {
      await page.goto(url, { waitUntil: "load" });
      try {
        await ready().waitFor({ state: "visible", timeout: 5_000 });
        await page.waitForTimeout(500);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`Spotlight did not show ${what} within ${waitLimit / 1000} s: ${err.message}`);
      }
    }
  }

  const openEventTab = (tab, ready) => openUntil(eventUrl(tab), ready, `event ${values.event} (${tab})`);

  // The lowest edge of anything drawn right of the sidebar: where the tab's content ends.
  const contentBottom = () =>
    page.evaluate(() => {
      const sidebarRight = Math.max(...[...document.querySelectorAll("a[href$='/telemetry/logs']")].map((a) => a.getBoundingClientRect().right), 0);
      let bottom = 0;
      for (const element of document.body.querySelectorAll("*")) {
        if (element.childElementCount > 0) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width > 0 && rect.height > 0 && rect.left >= sidebarRight) bottom = Math.max(bottom, rect.bottom);
      }
      return Math.ceil(bottom);
    });

  // The part of the window right of the sidebar, from the tab bar down to the end of the tab's content.
  async function tabPanel(tab, ready) {
    await page.setViewportSize({ width, height: 1600 });
    await openEventTab(tab, ready);
    const tabBar = await page.locator(`a[href$='/${tab}']`).first().boundingBox();
    const sidebar = await page.locator("a[href$='/telemetry/logs']").first().boundingBox();
    const top = Math.max(0, Math.floor(tabBar.y) - 12);
    const left = Math.ceil(sidebar.x + sidebar.width);
    const bottom = (await contentBottom()) + 24;
    return page.screenshot({ clip: { x: left, y: top, width: width - left, height: bottom - top } });
  }

  // 1. The Context tab: tags first, then request and contexts; the viewport grows to hold all of it.
  await page.setViewportSize({ width, height: 4000 });
  await openEventTab("contexts", () => page.getByText(/^tags$/i).first());
  for (const name of foldedContexts) {
    const heading = page.locator("h2").filter({ hasText: new RegExp(`^${name}$`, "i") }).first();
    if ((await heading.count()) === 0) continue;
    const toggle = heading.locator("xpath=..").locator(".react-json-view .expanded-icon").first();
    if ((await toggle.count()) > 0) await toggle.click();
  }
  await page.mouse.move(width - 2, 2); // no hover highlight left on the last folded context
  const contextHeight = (await contentBottom()) + 32;
  await page.setViewportSize({ width, height: contextHeight });
  await page.waitForTimeout(500);
  const contextShot = await page.screenshot();

  // 2. Breadcrumbs and 3. Details, cut below the sidebar's width.
  const breadcrumbsShot = await tabPanel("breadcrumbs", () => page.locator("text=/\\d{2}:\\d{2}:\\d{2}/").first());
  const detailsShot = await tabPanel("details", () => page.getByText(/ at line \d+/).first());

  // One picture: the three shots one below the other, right-aligned, on the colour of the first shot's
  // bottom-right corner (Spotlight's panel background), and a screenshot of that page.
  const images = [contextShot, breadcrumbsShot, detailsShot].map((png) => `data:image/png;base64,${png.toString("base64")}`);
  await page.setViewportSize({ width, height: 1000 });
  await page.setContent(
    `<html><body style="margin:0">` +
      images.map((src, i) => `<img src="${src}" style="display:block;margin-left:auto;${i > 0 ? "border-top:2px solid #6e5fd3;" : ""}">`).join("") +
      "</body></html>",
    { waitUntil: "load" },
  );
  await page.evaluate(async () => {
    const first = document.images[0];
    await first.decode();
    const canvas = document.createElement("canvas");
    canvas.width = first.naturalWidth;
    canvas.height = first.naturalHeight;
    const drawing = canvas.getContext("2d");
    drawing.drawImage(first, 0, 0);
    const [r, g, b] = drawing.getImageData(first.naturalWidth - 4, first.naturalHeight - 4, 1, 1).data;
    document.body.style.background = `rgb(${r}, ${g}, ${b})`;
  });
  await page.screenshot({ path: join(values.out, "spotlight-event.png"), fullPage: true });

  // The Logs view, waiting until the failure's log line is there (logs are sent in batches, a few seconds apart).
  // Wider than the event, so that the messages are not cut short.
  await page.setViewportSize({ width: logsWidth, height: 1000 });
  await openUntil(`${spotlight}/telemetry/logs`, () => page.getByText(values["log-text"]).first(), `the log line '${values["log-text"]}'`);
  const logsHeight = Math.max(560, (await contentBottom()) + 40);
  await page.setViewportSize({ width: logsWidth, height: logsHeight });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(values.out, "spotlight-logs.png") });
} finally {
  await context.close();
}
