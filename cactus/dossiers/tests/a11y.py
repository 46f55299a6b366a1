"""Checks every page of the journey must pass in a real browser: it reflows on a phone (WCAG 1.4.10,
RGAA 10.11), every ARIA reference points to an element, axe-core finds nothing serious, every control
is a target of 24×24 px at least (WCAG 2.5.8) and shows the focus ring when reached (WCAG 2.4.7).

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

# axe.run in the page; only the serious and critical violations, with the targets of their first three nodes.
SERIOUS_VIOLATIONS = """options => axe.run(document, options).then(results => results.violations
  .filter(violation => violation.impact === "serious" || violation.impact === "critical")
  .map(violation => ({id: violation.id, impact: violation.impact,
                      targets: violation.nodes.slice(0, 3).map(node => node.target)})))"""

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
  // Inside a box that clips within the window (a visually hidden header, a scrolling area): not a cause.
  const clipped = element => {
    for (let parent = element.parentElement; parent && parent !== root; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible" && parent.getBoundingClientRect().right <= root.clientWidth + 1)
        return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter(element => !clipped(element))
    .filter(element => element.getBoundingClientRect().right > root.clientWidth + 1
      || (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === "visible"
          && element.getBoundingClientRect().left + element.scrollWidth > root.clientWidth + 1))
    .map(element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + (element.className ? "." + element.className : ""));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8)};
}"""


# Controls a finger must hit: buttons, links drawn as buttons, boxes to tick, lists. A link inside a
# sentence is exempt (WCAG 2.5.8 "inline"), so plain links are not measured.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    "button, a.button, a.icon-link, input[type=checkbox], input[type=radio], input[type=submit], select, summary")]
  .filter(element => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden")
  .map(element => [element, element.getBoundingClientRect()])
  .filter(([element, box]) => box.width < 24 || box.height < 24)
  .map(([element, box]) => `${element.outerHTML.slice(0, 70)} ${Math.round(box.width)}×${Math.round(box.height)}`)"""

# Each control, focused after a key press (so that :focus-visible applies, as for a keyboard user):
# its outline must be a solid ring of 3 px at least with the dark edge around it.
MISSING_RINGS = """() => {
  const missing = [];
  const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter(element => element.getClientRects().length && !element.disabled);
  for (const element of controls) {
    element.focus();
    if (document.activeElement !== element) continue;
    const style = getComputedStyle(element);
    if (style.outlineStyle !== "solid" || parseFloat(style.outlineWidth) < 3 || style.boxShadow === "none")
      missing.push(element.outerHTML.slice(0, 70));
  }
  document.activeElement.blur();
  return missing.slice(0, 8);
}"""


def small_targets(page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)


def missing_focus_rings(page) -> list[str]:
    page.keyboard.press("Shift")  # a key press: focus moved by script is then shown as by the keyboard
    return page.evaluate(MISSING_RINGS)


def overflow(page) -> dict | None:
    """None when the page fits the window's width; else the widths and the first elements that stick out."""
    measure = page.evaluate(OVERFLOWING)
    return measure if measure["scrollWidth"] > measure["clientWidth"] else None


def broken_references(page) -> list[str]:
    return page.evaluate(BROKEN_REFERENCES)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations, one line each: rule, impact, first elements.

    axe is injected once per loaded page (checking the same page at another window size reuses it),
    and only the violations come back from the browser, not axe's whole report."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.axe_script)
    violations = page.evaluate(SERIOUS_VIOLATIONS, AXE_OPTIONS)
    return [f"{violation['id']} ({violation['impact']}): {violation['targets']}" for violation in violations]


def problems_of(page) -> dict:
    """Everything wrong with the page as shown, {} when it passes every check."""
    # After a click, the new page's title may be there before its stylesheet: measure a styled page.
    page.wait_for_load_state("load")
    found = {
        "overflow": overflow(page),
        "broken_references": broken_references(page),
        "axe": serious_violations(page),
        "small_targets": small_targets(page),
        "focus_rings": missing_focus_rings(page),
    }
    return {name: value for name, value in found.items() if value}


def problems_at(page, viewports: list[dict]) -> dict:
    """{"at 320×640": problems} for each window size at which the page as shown fails a check, {} when
    it passes them all. The window is resized and scrolled back to the top before each round: the
    pages' layout depends on CSS media queries only (no script reads the window's size), so a page
    resized is laid out as one loaded at that size. The window keeps the last size."""
    found = {}
    for viewport in viewports:
        page.set_viewport_size(viewport)
        page.evaluate("() => window.scrollTo(0, 0)")
        if problems := problems_of(page):
            found[f"at {viewport['width']}×{viewport['height']}"] = problems
    return found


def check_pages(page, base: str, paths: list[str], viewports: list[dict] | None = None) -> dict:
    """{path: its problems} for each page of `paths` that fails a check, {} when all pass. With
    `viewports`, each page is loaded once and checked at each size (problems_at): {"path at 320×640": …}."""
    found = {}
    for path in paths:
        page.goto(base + path)
        if viewports:
            found |= {f"{path} {size}": problems for size, problems in problems_at(page, viewports).items()}
        elif problems := problems_of(page):
            found[path] = problems
    return found
