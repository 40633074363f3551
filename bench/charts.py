"""SVG charts for the course site, drawn with the Python standard library only, byte for byte the same for the same data.

    bar_chart    horizontal bars in panels: one scale per panel, so that what a panel compares shares one axis
    line_chart   a measure against a count (clients, threads, cores) on a doubling axis, with error bars and dashed
                 projections, one panel per measured condition
"""
import math
from html import escape

OURS_COLOR = "#2f6fb3"
REDIS_COLOR = "#a7b1bc"
# Colours for the series of a line chart or the variants of a bar chart, in order.
PALETTE = ["#d08a3c", "#2f6fb3", "#3a9a5b", "#8e5ab5", "#c4484e", "#6b7a8f"]
FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
STYLE = (f"text{{font-family:{FONT};font-size:12px;fill:#222}} .heading{{font-weight:600}} "
         ".value,.tick{fill:#555;font-size:11px} .status{fill:#8a5a00;font-style:italic} "
         ".grid{stroke:#e3e6ea;stroke-width:1} .title{font-size:15px;font-weight:600} "
         ".note{fill:#555;font-size:11px;font-style:italic}")


def nice_ticks(top, count=5):
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def number(value, unit):
    if unit == "ms":
        return f"{value:g}"
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _svg(title, width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">\n'
            f'<style>{STYLE}</style>\n<rect width="{width}" height="{height}" fill="#fff"/>\n'
            f'<text x="10" y="20" class="title">{escape(title)}</text>\n' + "\n".join(body) + "\n</svg>\n")


def _legend(series, left, y=30, dashed=()):
    parts, x = [], left
    for name, colour in series:
        if name in dashed:
            parts.append(f'<line x1="{x}" y1="{y + 6}" x2="{x + 14}" y2="{y + 6}" stroke="{colour}" stroke-width="2" '
                         f'stroke-dasharray="4 3"/>')
        else:
            parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 10}" class="label">{escape(name)}</text>')
        x += 32 + 7 * len(name)
    return parts


def bar_chart(title, unit, panels, series):
    """Horizontal bars in stacked panels, each with its own scale: put what is compared in one panel.

    panels: [(heading, [(label, [value or status text per series])])]; series: [(name, colour)].
    """
    width, left, right, bar, gap, group_gap = 760, 200, 96, 13, 2, 12
    plot = width - left - right
    y = 58
    parts = []
    for heading, categories in panels:
        values = [v for _, vs in categories for v in vs if isinstance(v, float)]
        ticks = nice_ticks(max(values) if values else 1)
        scale = plot / ticks[-1]
        parts.append(f'<text x="{left}" y="{y}" class="heading">{escape(heading)}</text>')
        y += 10
        top = y
        for label, vs in categories:
            vs = [v for v in vs if v is not None] or ["–"]
            group = len(vs) * (bar + gap) - gap
            parts.append(f'<text x="{left - 8}" y="{y + group / 2 + 4:.1f}" class="label" '
                         f'text-anchor="end">{escape(label)}</text>')
            for (name, colour), v in zip(series, vs):
                if v is None:
                    continue
                if isinstance(v, float):
                    w = max(v * scale, 1)
                    parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                                 f'<title>{escape(name)}: {v:,.3f} {unit}</title></rect>')
                    shown = f"{v:,.0f}" if unit != "ms" else f"{v:g} ms"
                    parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 2}" class="value">{shown}</text>')
                else:
                    parts.append(f'<text x="{left + 4}" y="{y + bar - 2}" class="status">{escape(name)}: '
                                 f'{escape(v)}</text>')
                y += bar + gap
            y += group_gap - gap
        bottom = y - group_gap + 4
        for t in ticks:
            x = left + t * scale
            parts.insert(0, f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" class="grid"/>')
            parts.append(f'<text x="{x:.1f}" y="{bottom + 14}" class="tick" text-anchor="middle">'
                         f'{number(t, unit)}</text>')
        y = bottom + 40
    return _svg(title, width, y - 14, _legend(series, left) + parts)


def log_ticks(low, high):
    """1, 2, 5 × powers of ten from below low to above high."""
    ticks, k = [], math.floor(math.log10(low))
    while not ticks or ticks[-1] < high:
        ticks += [m * 10 ** k for m in (1, 2, 5) if (not ticks or m * 10 ** k > ticks[-1])]
        k += 1
    first = max(i for i, t in enumerate(ticks) if t <= low) if ticks[0] <= low else 0
    last = min(i for i, t in enumerate(ticks) if t >= high)
    return [round(t, 10) for t in ticks[first:last + 1]]


def line_chart(title, unit, x_label, panels, note="", log_y=False):
    """A measure against a count, on an axis that doubles at each step, one panel under another.

    panels: [(heading, [series])]; a series is a dict with name, colour, points [(x, y, error or None)] and
    optionally dashed=True (a projection, not a measurement: drawn dashed, one legend entry for all of them) and
    label=False (no name at its end: the projection beside it names it). log_y: a logarithmic measure axis, for
    figures that span orders of magnitude. Every panel shares the x axis of all the counts.
    """
    width, left, right, height, gap = 760, 70, 150, 200, 56
    plot = width - left - right
    xs = sorted({x for _, series in panels for s in series for x, _, _ in s["points"]})
    low, high = math.log2(xs[0]), math.log2(xs[-1])

    def px(x):
        return left + (plot * (math.log2(x) - low) / (high - low) if high > low else plot / 2)

    names = {}
    for _, series in panels:
        for s in series:
            if not s.get("dashed"):
                names.setdefault(s["name"], s["colour"])
    legend = list(names.items())
    if any(s.get("dashed") for _, series in panels for s in series):
        legend.append(("projection", "#777"))
    parts = _legend(legend, left, dashed=["projection"])
    y0 = 70
    for heading, series in panels:
        values = [y + (e or 0) for s in series for _, y, e in s["points"]]
        top, bottom = y0 + 10, y0 + 10 + height
        if log_y:
            ticks = log_ticks(min(y for s in series for _, y, _ in s["points"] if y > 0), max(values))

            def py(v):
                v = max(v, ticks[0])
                return bottom - height * (math.log10(v) - math.log10(ticks[0])) / \
                    (math.log10(ticks[-1]) - math.log10(ticks[0]))
        else:
            ticks = nice_ticks(max(values) if values else 1)

            def py(v):
                return bottom - v * height / ticks[-1]
        parts.append(f'<text x="{left}" y="{y0}" class="heading">{escape(heading)}</text>')
        for t in ticks:
            parts.append(f'<line x1="{left}" y1="{py(t):.1f}" x2="{left + plot}" y2="{py(t):.1f}" class="grid"/>')
            parts.append(f'<text x="{left - 6}" y="{py(t) + 4:.1f}" class="tick" text-anchor="end">'
                         f'{number(t, unit)}</text>')
        for x in xs:
            parts.append(f'<line x1="{px(x):.1f}" y1="{top}" x2="{px(x):.1f}" y2="{bottom}" class="grid"/>')
            parts.append(f'<text x="{px(x):.1f}" y="{bottom + 14}" class="tick" text-anchor="middle">{x:g}</text>')
        for s in series:
            points = sorted(s["points"])
            dash = ' stroke-dasharray="5 4"' if s.get("dashed") else ""
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _ in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{s["colour"]}" stroke-width="2"{dash}/>')
            for x, y, e in points:
                if e:
                    parts.append(f'<line x1="{px(x):.1f}" y1="{py(max(y - e, 0)):.1f}" x2="{px(x):.1f}" '
                                 f'y2="{py(y + e):.1f}" stroke="{s["colour"]}" stroke-width="1.5"/>')
                if not s.get("dashed"):
                    parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{s["colour"]}">'
                                 f'<title>{escape(s["name"])}, {x:g}: {y:,.3f} {unit}'
                                 + (f" ± {e:,.3f}" if e else "") + "</title></circle>")
            if s.get("label", True):
                x, y, _ = points[-1]
                parts.append(f'<text x="{px(x) + 6:.1f}" y="{py(y) + 4:.1f}" class="value">{escape(s["name"])}'
                             f'</text>')
        parts.append(f'<text x="{left + plot / 2:.1f}" y="{bottom + 30}" class="tick" text-anchor="middle">'
                     f'{escape(x_label)}</text>')
        y0 = bottom + gap
    if note:
        parts.append(f'<text x="{left}" y="{y0 - 8}" class="note">{escape(note)}</text>')
    return _svg(title, width, y0 + 2 if note else y0 - 20, parts)
