"""axe-core in Chromium: inject the npm package (package.json pins it; `./dev test` installs it
with `npm ci`) into a page and list the WCAG 2.1 A/AA violations as readable lines; plus the
reflow check axe cannot do (no sideways scrolling at a given width)."""

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `npm ci` (./dev test does)")
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Page, where: str) -> list[str]:
    """Run axe's WCAG 2.1 A and AA rules on the page as it is now; one line per failing
    element: where, rule, impact, what the rule asks, the element and axe's summary."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return {violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary}))}))};
        }""",
        WCAG_21_AA,
    )
    lines = []
    for v in result["violations"]:
        for node in v["nodes"]:
            summary = " ".join(str(node["summary"] or "").split())
            lines.append(
                f"{where}: {v['id']} ({v['impact']}) {v['help']} at {node['target']}: {summary}"
            )
    return lines


def sideways_scroll(page: Page, where: str) -> list[str]:
    """WCAG 1.4.10 Reflow: at the page's current width nothing may scroll sideways."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        return [f"{where}: scrolls sideways ({widths[0]} px of content in {widths[1]} px)"]
    return []
