"""Small inline SVG charts for the HTML report: bars, a histogram, lines. No plotting library,
so the report needs nothing beyond the core install and opens offline."""
from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 360, 220
MARGIN = dict(left=44, right=12, top=26, bottom=40)
COLOURS = {"original": "#2f7d4f", "syndicated": "#c98a16", "scraped": "#b8322a", "": "#777"}


def _frame(title: str, body: list[str], x_label: str = "", y_label: str = "") -> str:
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="{WIDTH / 2}" y="15" text-anchor="middle" class="chart-title">{escape(title)}</text>']
    parts += body
    if x_label:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 4}" text-anchor="middle" class="axis-label">'
                     f'{escape(x_label)}</text>')
    if y_label:
        parts.append(f'<text x="11" y="{HEIGHT / 2}" text-anchor="middle" class="axis-label" '
                     f'transform="rotate(-90 11 {HEIGHT / 2})">{escape(y_label)}</text>')
    return "".join(parts) + "</svg>"


def _plot_box() -> tuple[float, float, float, float]:
    x0, y0 = MARGIN["left"], MARGIN["top"]
    return x0, y0, WIDTH - MARGIN["right"] - x0, HEIGHT - MARGIN["bottom"] - y0


def nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten at or above ``value``: round axis ticks."""
    power = 10 ** max(0, len(str(int(max(value, 1)))) - 1)
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _y_axis(top_value: float, as_share: bool = False) -> list[str]:
    x0, y0, w, h = _plot_box()
    out = [f'<line x1="{x0}" y1="{y0 + h}" x2="{x0 + w}" y2="{y0 + h}" class="axis"/>']
    for i in range(5):
        value = top_value * i / 4
        y = y0 + h - h * i / 4
        text = f"{value:.2f}" if as_share else f"{value:,.0f}"
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{x0 - 4}" y="{y + 3:.1f}" text-anchor="end" class="tick">{text}</text>')
    return out


def bar_chart(title: str, bars: list[tuple[str, float, str]], y_label: str = "pages") -> str:
    """Bars of (name, value, colour), named underneath."""
    x0, y0, w, h = _plot_box()
    top = nice_top(max([v for _, v, _ in bars] + [1]))
    body = _y_axis(top)
    step = w / max(len(bars), 1)
    for i, (name, value, colour) in enumerate(bars):
        bar_h = h * value / top
        x = x0 + i * step + step * 0.15
        body.append(f'<rect x="{x:.1f}" y="{y0 + h - bar_h:.1f}" width="{step * 0.7:.1f}" height="{bar_h:.1f}" '
                    f'fill="{colour}"><title>{escape(name)}: {value:,.0f}</title></rect>'
                    f'<text x="{x + step * 0.35:.1f}" y="{y0 + h + 13}" text-anchor="middle" class="tick">'
                    f'{escape(name)}</text>')
    return _frame(title, body, y_label=y_label)


def histogram(title: str, counts: list[int], x_label: str) -> str:
    """Counts of equal-width bins over [0, 1]."""
    x0, y0, w, h = _plot_box()
    top = nice_top(max(counts + [1]))
    body = _y_axis(top)
    step = w / max(len(counts), 1)
    for i, count in enumerate(counts):
        bar_h = h * count / top
        lo, hi = i / len(counts), (i + 1) / len(counts)
        body.append(f'<rect x="{x0 + i * step + 0.5:.1f}" y="{y0 + h - bar_h:.1f}" width="{step - 1:.1f}" '
                    f'height="{bar_h:.1f}" fill="#b8322a"><title>{lo:.2f}-{hi:.2f}: {count:,}</title></rect>')
    for tick in (0, 0.25, 0.5, 0.75, 1):
        body.append(f'<text x="{x0 + w * tick:.1f}" y="{y0 + h + 13}" text-anchor="middle" class="tick">{tick}</text>')
    return _frame(title, body, x_label, "pages")


def grouped_rates(title: str, groups: list[str], series: dict[str, list[float]]) -> str:
    """Horizontal bars: for each group (a signal), one bar per series (a label) of its rate in [0, 1]."""
    height = max(HEIGHT, 26 + 14 * len(groups) + 40)
    label_w, right = 150, 12
    w = WIDTH + 140 - label_w - right
    row = (height - 66) / max(len(groups), 1)
    bar = row / (len(series) + 0.6)
    body = [f'<svg class="chart" viewBox="0 0 {WIDTH + 140} {height:.0f}" width="{WIDTH + 140}" height="{height:.0f}" '
            f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
            f'<text x="{(WIDTH + 140) / 2}" y="15" text-anchor="middle" class="chart-title">{escape(title)}</text>']
    for i, group in enumerate(groups):
        y = 26 + i * row
        body.append(f'<text x="{label_w - 4}" y="{y + row / 2 + 3:.1f}" text-anchor="end" class="tick">'
                    f'{escape(group)}</text>')
        for j, (name, rates) in enumerate(series.items()):
            length = w * rates[i]
            body.append(f'<rect x="{label_w}" y="{y + j * bar:.1f}" width="{length:.1f}" height="{bar * 0.9:.1f}" '
                        f'fill="{COLOURS.get(name, "#777")}"><title>{escape(group)} on {escape(name)} pages: '
                        f'{rates[i]:.1%}</title></rect>')
    axis_y = 26 + len(groups) * row
    for tick in (0, 0.5, 1):
        body.append(f'<text x="{label_w + w * tick:.1f}" y="{axis_y + 12:.1f}" text-anchor="middle" class="tick">'
                    f'{tick:.0%}</text>')
    x = label_w
    for name in series:
        body.append(f'<rect x="{x}" y="{axis_y + 18:.1f}" width="10" height="10" fill="{COLOURS.get(name, "#777")}"/>'
                    f'<text x="{x + 14}" y="{axis_y + 27:.1f}" class="tick">{escape(name)}</text>')
        x += 90
    return "".join(body) + "</svg>"


def line_chart(title: str, lines: dict[str, list[tuple[float, float]]], x_label: str, y_label: str,
               diagonal: bool = True) -> str:
    """Lines of (x, y) points in [0, 1] x [0, 1], with the diagonal for reference."""
    x0, y0, w, h = _plot_box()
    body = _y_axis(1, as_share=True)
    if diagonal:
        body.append(f'<line x1="{x0}" y1="{y0 + h}" x2="{x0 + w}" y2="{y0}" class="diagonal"/>')
    for tick in (0, 0.25, 0.5, 0.75, 1):
        body.append(f'<text x="{x0 + w * tick:.1f}" y="{y0 + h + 13}" text-anchor="middle" class="tick">{tick}</text>')
    palette = ["#b8322a", "#2f5d9e", "#2f7d4f"]
    for (name, points), colour in zip(lines.items(), palette):
        path = " ".join(f"{x0 + w * x:.1f},{y0 + h - h * y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2">'
                    f'<title>{escape(name)}</title></polyline>')
        for x, y in points if len(points) <= 20 else []:
            body.append(f'<circle cx="{x0 + w * x:.1f}" cy="{y0 + h - h * y:.1f}" r="2.5" fill="{colour}"/>')
    return _frame(title, body, x_label, y_label)
