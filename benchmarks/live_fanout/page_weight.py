"""Page weight on emulated Fast 3G: the encoded bytes of a fresh participant page, and when its table shows."""

from __future__ import annotations

import math
import statistics
import time

from harness.phone import USER_AGENT

from .common import CHROMIUM, CHROMIUM_ARGS, log

PAGE_WATCH = """
window.__visibleAt = null;
const __watch = () => {
  const el = document.getElementById('table-number');
  if (el && el.getClientRects().length && el.textContent) { window.__visibleAt = performance.now(); return; }
  requestAnimationFrame(__watch);
};
requestAnimationFrame(__watch);
"""


async def page_weight(url: str, loads: int) -> dict:
    """Fresh loads of a participant page on emulated Fast 3G: encoded bytes, and when ``#table-number`` shows.

    The time is taken in the page (``performance.now()`` from the navigation start, first animation frame with
    the element laid out); Playwright's own ``wait_for_selector`` sees it some 0.4 s later under throttling
    (its protocol round trips), which is reported too.
    """
    from playwright.async_api import async_playwright

    results = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(loads):
                context = await browser.new_context(
                    viewport={"width": 390, "height": 844}, user_agent=USER_AGENT, locale="fr-FR"
                )
                await context.add_init_script(PAGE_WATCH)
                page = await context.new_page()
                cdp = await context.new_cdp_session(page)
                encoded: dict[str, float] = {}
                kinds: dict[str, str] = {}
                cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e.get("type", "")))
                cdp.on("Network.loadingFinished", lambda e: encoded.__setitem__(e["requestId"], e["encodedDataLength"]))
                await cdp.send("Network.enable")
                await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                await cdp.send(
                    "Network.emulateNetworkConditions",
                    {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 200_000},
                )
                began = time.perf_counter()
                await page.goto(url, wait_until="commit")
                await page.wait_for_selector("#table-number", state="visible", timeout=60_000)
                playwright_s = time.perf_counter() - began
                await page.wait_for_function("window.__visibleAt !== null", timeout=10_000)
                visible_ms = await page.evaluate("window.__visibleAt")
                fcp = await page.evaluate(
                    "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null"
                )
                await page.wait_for_load_state("networkidle")
                by_kind: dict[str, float] = {}
                for request_id, size in encoded.items():
                    kind = kinds.get(request_id, "other")
                    by_kind[kind] = by_kind.get(kind, 0) + size
                results.append(
                    {
                        "visible_s": visible_ms / 1000,
                        "fcp_s": (fcp or math.nan) / 1000,
                        "playwright_s": playwright_s,
                        "kb": sum(encoded.values()) / 1000,
                        "requests": len(encoded),
                        "by_kind_kb": {k: round(v / 1000, 1) for k, v in sorted(by_kind.items())},
                    }
                )
                log(f"page weight: {results[-1]}")
                await context.close()
        finally:
            await browser.close()
    return {
        "loads": results,
        "kb": statistics.median(r["kb"] for r in results),
        "visible_s": statistics.median(r["visible_s"] for r in results),
        "fcp_s": statistics.median(r["fcp_s"] for r in results),
        "playwright_s": statistics.median(r["playwright_s"] for r in results),
        "requests": results[0]["requests"] if results else 0,
        "by_kind_kb": results[0]["by_kind_kb"] if results else {},
    }
