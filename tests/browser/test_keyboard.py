"""Keyboard use and larger text on every public page type, in Chromium.

QUALITY ACC-07 (WCAG 2.1.1, 2.1.2, 2.4.7, 2.4.11): pressing Tab alone reaches
every control on the page, so none is skipped and none traps focus; each
control looks different when it has focus; and nothing covers it then. (The
order itself is the document's: no positive tabindex is used.) QUALITY ACC-06
(WCAG 1.4.4): with the root text size at 200 %, as a browser's text-size
setting sets it, nothing scrolls sideways or is cut off. (Reflow at 320 px,
the 400 % zoom case, is in test_accessibility.py.)"""

import pytest

from tests.demo_pages import PAGE_TYPES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Marks every control a keyboard user should reach, and says what each is.
MARK_CONTROLS = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select,'
    + ' textarea, summary, iframe, [tabindex], [contenteditable=""],'
    + ' [contenteditable="true"]';
  const shown = el => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const controls = [...document.querySelectorAll(selector)]
    .filter(el => !el.disabled && el.tabIndex >= 0 && shown(el));
  return controls.map((el, i) => {
    el.dataset.keyboardTest = i;
    // A group of radios is one stop for Tab; arrow keys move within it.
    const group = el.type === 'radio' && el.name ? `radios ${el.name}` : i;
    return {name: (el.outerHTML.split('>')[0] + '>').slice(0, 160), stop: group};
  });
}"""

# Where focus is now, and whether anything else covers the middle of it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || !('keyboardTest' in el.dataset)) return null;
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const inView = box.bottom > 0 && box.top < innerHeight
    && box.right > 0 && box.left < innerWidth;
  return {
    index: Number(el.dataset.keyboardTest),
    kind: [el.tagName, el.className, el.type || '',
           el.parentElement.className].join('|'),
    box: {x: box.left, y: box.top, width: box.width, height: box.height},
    uncovered: inView && (top === el || el.contains(top) || top.contains(el)
      || (el.labels && [...el.labels].some(label => label.contains(top)))),
  };
}"""


def clip_around(box, viewport, margin=6):
    """The focused control and a margin for an outline or shadow, within the
    window (a GOV.UK skip link, for one, is 1 px until it has focus)."""
    x = max(box["x"] - margin, 0)
    y = max(box["y"] - margin, 0)
    right = min(box["x"] + box["width"] + margin, viewport["width"])
    bottom = min(box["y"] + box["height"] + margin, viewport["height"])
    return {"x": x, "y": y, "width": max(right - x, 1), "height": max(bottom - y, 1)}


def keyboard_problems(page, url, looked_at: set) -> list[str]:
    page.goto(url)
    controls = page.evaluate(MARK_CONTROLS)
    stops = {control["stop"] for control in controls}
    reached, problems = set(), []
    # Twice round at most: a page that puts focus on its error summary starts
    # part way down, and Tab reaches the header after the footer.
    for _ in range(2 * len(controls) + 4):
        if reached == stops:
            break
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus is None:
            continue  # past the last control, focus leaves the page
        control = controls[focus["index"]]
        reached.add(control["stop"])
        if not focus["uncovered"]:
            problems.append(f"{control['name']} is covered or out of view on focus")
        if focus["kind"] in looked_at:
            continue
        # Compare the control with and without focus, pixel for pixel: each
        # kind of control once, as the header and footer repeat on every page.
        looked_at.add(focus["kind"])
        clip = clip_around(focus["box"], page.viewport_size)
        focused = page.screenshot(clip=clip, animations="disabled")
        page.evaluate("document.activeElement.blur()")
        unfocused = page.screenshot(clip=clip, animations="disabled")
        page.focus(f"[data-keyboard-test='{focus['index']}']")
        if focused == unfocused:
            problems.append(f"{control['name']} looks the same with and without focus")
    problems += [
        f"Tab never reaches {control['name']}"
        for control in controls
        if control["stop"] not in reached
    ]
    return problems


def test_tab_reaches_every_control_with_focus_visible_and_uncovered(page, demo_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    looked_at = set()
    failures = {
        name: found
        for name, path in PAGE_TYPES.items()
        if (found := keyboard_problems(page, demo_server + path, looked_at))
    }
    assert not failures, "\n\n".join(
        f"{name} ({PAGE_TYPES[name]}):\n" + "\n".join(found)
        for name, found in failures.items()
    )


# Text at 200 % with the layout as it is, as a browser's text-size setting
# does: GOV.UK Frontend sets every font size in rem.
LARGER_TEXT = "document.documentElement.style.fontSize = '200%'"
CUT_OFF = """() => [...document.querySelectorAll('body *')].filter(el => {
  const style = getComputedStyle(el);
  const hides = v => v === 'hidden' || v === 'clip';
  return el.getClientRects().length > 0
    && el.clientWidth > 1 && el.clientHeight > 1
    && ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1));
}).map(el => (el.outerHTML.split('>')[0] + '>').slice(0, 160))"""


def test_text_at_200_percent_neither_scrolls_sideways_nor_is_cut_off(page, demo_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    failures = {}
    for name, path in PAGE_TYPES.items():
        page.goto(demo_server + path)
        page.evaluate(LARGER_TEXT)
        problems = page.evaluate(CUT_OFF)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"scrolls sideways by {overflow}px")
        if problems:
            failures[name] = problems
    assert not failures, "\n\n".join(
        f"{name} ({PAGE_TYPES[name]}):\n" + "\n".join(found)
        for name, found in failures.items()
    )
