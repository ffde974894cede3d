"""Charts as SVG strings, from numbers: pure functions, every text escaped.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that say what it shows; the
page puts a table of the same numbers beside it. No style attributes (the CSP allows none): only
presentation attributes and classes styled by site.css.
"""
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

# Sequential blues, light to dark; the darkest steps take white text where text sits on them.
SHADES = ("#eef3fb", "#c6d8f0", "#8fb3e0", "#4f86c6", "#1f5a9e", "#0b3570")
INK = "#1b1f24"
MUTED = "#57606a"
BAR = "#1f5a9e"
LINE = "#b8430f"
MAX_BAR = 48
# The legend under the map: its text size, and the most any character of it may take, in ems
# (DejaVu Sans's digits are 0.64 em), so that labels are laid out apart however long.
LEGEND_FONT = 26
LEGEND_EM = 0.66


def _number(n):
    return f"{n:,}"


def _svg(width, height, title, desc, body, css_class):
    ident = "chart-" + hashlib.sha256(f"{title}\n{desc}".encode()).hexdigest()[:10]
    # B704 accepted: every text in `body`, the title and the description goes through escape();
    # the rest are numbers and this module's own names (tests/charts checks hostile labels)
    return Markup(  # nosec B704
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _ticks(top, count=4):
    """Round tick values from 0 to at least `top`."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _axes(ticks, left, top, width, height):
    """Horizontal grid lines with their labels on the left."""
    parts = []
    for value in ticks:
        y = top + height - height * value / ticks[-1]
        parts.append(f'<line x1="{left}" x2="{left + width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="14" fill="{MUTED}">'
                     f"{_number(value)}</text>")
    return "".join(parts)


def _date_labels(labels, left, step, baseline):
    """At most six date labels under the x axis, evenly spread."""
    if not labels:
        return ""
    every = max(1, -(-len(labels) // 6))
    parts = []
    for index in range(0, len(labels), every):
        x = left + step * (index + 0.5)
        parts.append(f'<text x="{x:.1f}" y="{baseline}" text-anchor="middle" font-size="14" fill="{MUTED}">'
                     f"{escape(labels[index])}</text>")
    return "".join(parts)


def time_chart(labels, values, title, desc, kind="bars", width=640, height=240):
    """Values over time: `kind` "bars" (one per day) or "line" (a running total)."""
    # A line's last value is written above its last point: room for it at the top.
    left, top, right, bottom = 56, 30 if kind == "line" else 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = _ticks(max(values, default=0))
    step = plot_w / max(len(values), 1)
    body = [_axes(ticks, left, top, plot_w, plot_h)]

    def y(value):
        return top + plot_h - plot_h * value / ticks[-1]

    if kind == "bars":
        # A bar no wider than MAX_BAR: one day alone is a bar, not a wall across the chart.
        bar_w = max(min(step - min(2, step * 0.2), MAX_BAR), 1)
        for index, value in enumerate(values):
            if value:
                body.append(f'<rect x="{left + index * step + (step - bar_w) / 2:.1f}" y="{y(value):.1f}" '
                            f'width="{bar_w:.1f}" height="{top + plot_h - y(value):.1f}" fill="{BAR}">'
                            f"<title>{escape(labels[index])}: {_number(value)}</title></rect>")
    elif values:
        body.append(_line(values, [left + step * (i + 0.5) for i in range(len(values))], y, step, labels[-1]))
    body.append(_date_labels(labels, left, step, height - 8))
    return _svg(width, height, title, desc, "".join(body), f"chart-{kind}")


def _line(values, xs, y, step, last_label):
    """The running total's line, and its last point marked and labelled with its value; a single
    day (one point, which no line can join) is a step across its day."""
    points = [(x, y(v)) for x, v in zip(xs, values, strict=True)]
    if len(points) == 1:
        (x, height), = points
        points = [(x - step * 0.4, height), (x + step * 0.4, height)]
    line = " ".join(f"{x:.1f},{height:.1f}" for x, height in points)
    x, height = xs[-1], y(values[-1])
    return (f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2.5" stroke-linejoin="round"/>'
            f'<circle cx="{x:.1f}" cy="{height:.1f}" r="5" fill="{LINE}"><title>{escape(last_label)}: '
            f"{_number(values[-1])}</title></circle>"
            f'<text x="{x:.1f}" y="{height - 10:.1f}" text-anchor="end" font-size="16" font-weight="700" '
            f'fill="{INK}">{_number(values[-1])}</text>')


def bar_list(items, title, desc, width=640):
    """Horizontal bars, one per (label, value), largest first as given."""
    row, left, right = 28, 160, 70
    height = max(row * len(items), row) + 8
    top_value = max((value for _, value in items), default=0) or 1
    body = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * row
        bar_w = (width - left - right) * value / top_value
        text = label if len(label) <= 22 else label[:21] + "…"
        body.append(f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{INK}">'
                    f"{escape(text)}</text>")
        body.append(f'<rect x="{left}" y="{y + 4}" width="{max(bar_w, 1):.1f}" height="{row - 10}" fill="{BAR}"/>')
        body.append(f'<text x="{left + bar_w + 6:.1f}" y="{y + 18}" font-size="13" fill="{INK}">'
                    f"{_number(value)}</text>")
    return _svg(width, height, title, desc, "".join(body), "chart-bars-horizontal")


@lru_cache(maxsize=1)
def us_states():
    """{"width", "height", "states": {abbr: {"name", "d"}}}: see tools/build_us_map.py."""
    return json.loads((Path(__file__).parent / "us_states.json").read_text())


def shade_steps(top):
    """Upper bounds of the colour steps for counts up to `top` (the first step is zero)."""
    if top <= 0:
        return []
    steps = len(SHADES) - 1
    bounds = []
    for index in range(1, steps + 1):
        bound = max(1, round(top * index / steps))
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def _shade(count, bounds):
    if count <= 0:
        return SHADES[0]
    for index, bound in enumerate(bounds):
        if count <= bound:
            return SHADES[index + 1]
    return SHADES[-1]


def us_map(counts, title, desc):
    """The states shaded by `counts` ({abbr: n}), each with its name and number as a tooltip; the
    legend under the map, where it covers no state."""
    data = us_states()
    bounds = shade_steps(max(counts.values(), default=0))
    body = []
    for abbr, state in data["states"].items():
        n = counts.get(abbr, 0)
        body.append(f'<path d="{state["d"]}" fill="{_shade(n, bounds)}" stroke="#ffffff" stroke-width="0.75">'
                    f"<title>{escape(state['name'])}: {_number(n)}</title></path>")
    legend, legend_height = _legend(bounds, data["width"], data["height"] + 12)
    body.append(legend)
    return _svg(data["width"], data["height"] + 12 + legend_height, title, desc, "".join(body), "chart-map")


def _legend(bounds, width, top):
    """(SVG, height): a swatch and its label for each shade, left to right, on as many rows as
    they need; each item as wide as its label can be, so no two labels meet."""
    labels = ["0"]
    low = 1
    for bound in bounds:
        labels.append(_number(bound) if bound == low else f"{_number(low)}–{_number(bound)}")
        low = bound + 1
    swatch, row = 24, LEGEND_FONT + 14
    parts, x, y = ['<g class="chart-legend">'], 0, top
    for index, label in enumerate(labels):
        item = swatch + 8 + len(label) * LEGEND_FONT * LEGEND_EM
        if x and x + item > width:
            x, y = 0, y + row
        parts.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{swatch}" height="{swatch - 6}" fill="{SHADES[index]}" '
                     f'stroke="#57606a" stroke-width="1"/>')
        parts.append(f'<text x="{x + swatch + 8:.1f}" y="{y + LEGEND_FONT - 2}" font-size="{LEGEND_FONT}" '
                     f'fill="{INK}">{escape(label)}</text>')
        x += item + 28
    parts.append("</g>")
    return "".join(parts), y - top + row
