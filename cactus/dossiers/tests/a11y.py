"""Checks every page of the journey must pass in a real browser: it reflows on a phone (WCAG 1.4.10,
RGAA 10.11), every ARIA reference points to an element, and axe-core finds nothing serious.

axe-core comes from the pinned `axe-playwright-python` package (it bundles axe.min.js): nothing is
fetched at test time.
"""

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 320, "height": 640}
TABLET = {"width": 800, "height": 1024}
DESKTOP = {"width": 1366, "height": 768}
AXE = Axe()
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, skip link).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"],
}

BROKEN_REFERENCES = """() => {
  const broken = [];
  for (const element of document.querySelectorAll("[aria-describedby], [aria-labelledby], [aria-controls], label[for]")) {
    for (const name of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
      for (const id of (element.getAttribute(name) || "").split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(`${element.outerHTML.slice(0, 80)} ${name}=${id}`);
      }
    }
  }
  const seen = new Set();
  for (const element of document.querySelectorAll("[id]")) {
    if (seen.has(element.id)) broken.push(`duplicate id ${element.id}`);
    seen.add(element.id);
  }
  return broken;
}"""

OVERFLOWING = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > root.clientWidth + 1)
    .map(element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + (element.className ? "." + element.className : ""));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8)};
}"""


def overflow(page) -> dict | None:
    """None when the page fits the window's width; else the widths and the first elements that stick out."""
    measure = page.evaluate(OVERFLOWING)
    return measure if measure["scrollWidth"] > measure["clientWidth"] else None


def broken_references(page) -> list[str]:
    return page.evaluate(BROKEN_REFERENCES)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations, one line each: rule, impact, first elements."""
    results = AXE.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def problems_of(page) -> dict:
    """Everything wrong with the page as shown, {} when it passes every check."""
    found = {
        "overflow": overflow(page),
        "broken_references": broken_references(page),
        "axe": serious_violations(page),
    }
    return {name: value for name, value in found.items() if value}
