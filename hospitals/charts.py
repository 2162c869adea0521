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
