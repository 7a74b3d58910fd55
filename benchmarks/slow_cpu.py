"""A page loaded in Chromium on a 4x slower CPU, measured rather than simulated: when its content shows, how long
the main thread was blocked after the first paint, and how much script it runs a second once at rest with a round
under way: what a phone on the table spends, battery included (docs/benchmark-pages.md).

Lighthouse's mobile preset also slows the CPU four times, but it does not run the page that way: it records a load on
an unthrottled CPU and multiplies the main thread's tasks by four (its simulation, Lantern). Whatever the browser
does on another thread, or differently when it has time to, it does not see: V8's compile hints (the twelfth pass)
move work from the main thread to a background one, which only a throttled load shows. Here DevTools' own CPU
throttling slows the page's renderer while it loads from the local server.
"""

from __future__ import annotations

import statistics

from benchmarks.live_fanout.common import CHROMIUM, CHROMIUM_ARGS, log

# In the page from its start: the long tasks (PerformanceObserver) and the first animation frame where the watched
# element is laid out with its text.
WATCH = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__longTasks.push([task.startTime, task.duration]);
}).observe({type: "longtask", buffered: true});
window.__shownAt = null;
const __watch = () => {
  const el = document.querySelector(%r);
  if (el && el.getClientRects().length && el.textContent) { window.__shownAt = performance.now(); return; }
  requestAnimationFrame(__watch);
};
requestAnimationFrame(__watch);
"""
SETTLE_MS = 3000  # the blocking time counted runs this long after the content has shown
# Then the page at rest (a round under way: only its countdown moves) for this long: the main thread's script time.
REST_MS = 5000


def blocking_ms(long_tasks: list[list[float]], first_paint_ms: float, until_ms: float) -> float:
    """Total Blocking Time's rule: of each task's part after the first paint (and before ``until_ms``), what exceeds
    50 ms."""
    return sum(max(0.0, min(start + duration, until_ms) - max(start, first_paint_ms) - 50)
               for start, duration in long_tasks if start + duration > first_paint_ms)


async def slow_cpu(url: str, selector: str, loads: int, headers: dict[str, str] | None = None,
                   rate: float = 4) -> dict:
    """``loads`` fresh loads of ``url`` on a ``rate`` times slower CPU: the median time at which ``selector`` shows,
    the first paint, the blocking time after it, and the script time a second once the page is at rest."""
    from playwright.async_api import async_playwright

    found = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(loads):
                found.append(await _one_load(browser, url, selector, headers, rate))
                log(f"slow CPU {url}: {found[-1]}")
        finally:
            await browser.close()
    return {"loads": found, **medians(found)}


def medians(loads: list[dict]) -> dict:
    """The median of each figure of ``loads`` (the dicts of ``_one_load``)."""
    return {key: statistics.median(load[key] for load in loads) for key in loads[0]}


async def _one_load(browser, url: str, selector: str, headers: dict[str, str] | None, rate: float) -> dict:
    # Lighthouse's mobile screen (a Moto G Power), in English like Lighthouse's Chromium.
    context = await browser.new_context(viewport={"width": 412, "height": 823}, extra_http_headers=headers or {},
                                        locale="en-US")
    try:
        await context.add_init_script(WATCH % selector)
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        await cdp.send("Performance.enable")
        await page.goto(url, wait_until="commit")
        await page.wait_for_function("window.__shownAt !== null", timeout=60_000, polling=200)
        shown = await page.evaluate("window.__shownAt")
        await page.wait_for_timeout(SETTLE_MS)
        tasks = await page.evaluate("window.__longTasks")
        before = await _script_seconds(cdp)
        await page.wait_for_timeout(REST_MS)
        at_rest = (await _script_seconds(cdp) - before) / (REST_MS / 1000)
        fcp = await page.evaluate(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime")
        return {
            "shown_s": shown / 1000,
            "fcp_s": fcp / 1000,
            "blocking_ms": blocking_ms(tasks, fcp, shown + SETTLE_MS),
            "long_tasks_ms": sum(duration for _, duration in tasks),
            "rest_script_ms_per_s": at_rest * 1000,
        }
    finally:
        await context.close()


async def _script_seconds(cdp) -> float:
    """The renderer's script time so far (DevTools' ``Performance.getMetrics``), in seconds."""
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return next(metric["value"] for metric in metrics if metric["name"] == "ScriptDuration")
