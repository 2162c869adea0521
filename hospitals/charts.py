"""Small server-rendered SVG bar charts (no JavaScript, no external requests)."""

from django.utils.html import format_html, format_html_join


def bar_chart(rows, *, width=560, bar_height=22, label_width=200):
    """rows: [(label, value: float, caption)] of one unit; returns safe SVG markup."""
    if not rows:
        return ""
    top = max(value for _, value, _ in rows) or 1
    plot = width - label_width - 90
    height = bar_height * len(rows) + 8
    bars = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="15" text-anchor="end">{}</text>'
        '<rect x="{}" y="3" width="{}" height="{}" rx="2"></rect><text x="{}" y="15">{}</text></g>',
        (
            (
                i * bar_height,
                label_width - 6,
                label,
                label_width,
                max(1, round(plot * value / top)),
                bar_height - 6,
                label_width + max(1, round(plot * value / top)) + 4,
                caption,
            )
            for i, (label, value, caption) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="bar-chart" role="img" aria-label="柱状图" viewBox="0 0 {} {}" width="100%">{}</svg>',
        width,
        height,
        bars,
    )


def trend_chart(points, *, width=120, height=32, pad=4):
    """points: [(year, value: float)] in year order, at least two; returns a small safe SVG line
    with a dot on the latest value. The vertical scale spans the values' own range."""
    if len(points) < 2:
        return ""
    years = [year for year, _ in points]
    values = [value for _, value in points]
    low, high = min(values), max(values)
    span_x = (years[-1] - years[0]) or 1
    span_y = (high - low) or 1

    def xy(year, value):
        x = pad + (width - 2 * pad) * (year - years[0]) / span_x
        y = height - pad - (height - 2 * pad) * (value - low) / span_y
        return round(x, 1), round(y, 1)

    coords = [xy(year, value) for year, value in points]
    label = "、".join(f"{year}年 {value:g}" for year, value in points)
    last_x, last_y = coords[-1]
    return format_html(
        '<svg class="trend" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<polyline points="{}" fill="none"></polyline><circle cx="{}" cy="{}" r="2.5"></circle></svg>',
        label,
        width,
        height,
        width,
        height,
        " ".join(f"{x},{y}" for x, y in coords),
        last_x,
        last_y,
    )
