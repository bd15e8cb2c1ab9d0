"""Charts drawn on the server: SVG for the pages and the HTML report (no JavaScript, no CDN), PNG
(Pillow, with a CJK font) for the DOCX report. Bars are horizontal so that long agency names fit."""
from __future__ import annotations

import io
import os
from html import escape
from typing import Optional, Sequence

__all__ = ["bar_svg", "line_svg", "bar_png", "line_png", "CJK_FONTS"]

_BAR, _GAP, _LABEL_WIDTH, _WIDTH = 22, 6, 220, 680
_COLOURS = ["#1f6fb2", "#2e9d5b", "#d98b1a", "#b8323c"]
# Debian's fonts-wqy-microhei (scripts/install.sh) and fonts-noto-cjk, whichever is installed.
CJK_FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def _colour(value: Optional[float]) -> str:
    if value is None:
        return "#999999"
    return _COLOURS[0] if value >= 80 else _COLOURS[1] if value >= 60 else _COLOURS[2] if value >= 40 else _COLOURS[3]


def _label_width(labels: Sequence[str]) -> int:
    """Room for the longest label at 13 px (an English agency name is longer than its Chinese one):
    a CJK character is about 13 px wide, a Latin letter about 7.5."""
    longest = max((sum(13 if ord(c) >= 0x2E80 else 7.5 for c in label) for label in labels), default=0)
    return max(_LABEL_WIDTH, int(longest) + 16)


def bar_svg(items: Sequence[tuple[str, Optional[float]]], maximum: float = 100, title: str = "") -> str:
    """Horizontal bars, one per (label, value), values shown at the bar ends."""
    height = len(items) * (_BAR + _GAP) + 30
    label_width = _label_width([label for label, _ in items])
    plot = _WIDTH - _LABEL_WIDTH - 60
    width = label_width + plot + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="harbin-chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
             f"<title>{escape(title)}</title>"]
    for n, (label, value) in enumerate(items):
        y = 10 + n * (_BAR + _GAP)
        length = 0 if value is None else max(0.0, min(1.0, value / maximum)) * plot
        text = "—" if value is None else f"{value:.1f}"
        parts.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{_BAR}" fill="{_colour(value)}"/>'
                     f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _line_points(values: Sequence[Optional[float]], width: int, height: int, maximum: float) -> list[tuple[float, float]]:
    step = (width - 80) / max(1, len(values) - 1)
    return [(50 + n * step, height - 30 - (v / maximum) * (height - 50)) for n, v in enumerate(values) if v is not None]


def line_svg(points: Sequence[tuple[str, Optional[float]]], maximum: float = 100, title: str = "") -> str:
    """A line over dated values (the trend of a score), with the first and last date written."""
    width, height = _WIDTH, 240
    xy = _line_points([v for _, v in points], width, height, maximum)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="harbin-chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f"<title>{escape(title)}</title>"]
    for tick in (0, 50, 100):
        y = height - 30 - tick / 100 * (height - 50)
        parts.append(f'<line x1="45" y1="{y:.1f}" x2="{width - 20}" y2="{y:.1f}" stroke="#dddddd"/>'
                     f'<text x="40" y="{y + 4:.1f}" text-anchor="end">{tick * maximum / 100:g}</text>')
    if xy:
        parts.append('<polyline fill="none" stroke="#1f6fb2" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + '"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f6fb2"/>' for x, y in xy)
    if points:
        parts.append(f'<text x="50" y="{height - 10}">{escape(points[0][0])}</text>'
                     f'<text x="{width - 20}" y="{height - 10}" text-anchor="end">{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _font(size: int):
    from PIL import ImageFont

    for path in CJK_FONTS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()  # no CJK glyphs: install fonts-wqy-microhei


def bar_png(items: Sequence[tuple[str, Optional[float]]], maximum: float = 100) -> bytes:
    """The bar chart as a PNG image (2× the SVG's size, for print)."""
    from PIL import Image, ImageDraw

    scale = 2
    height = (len(items) * (_BAR + _GAP) + 30) * scale
    image = Image.new("RGB", (_WIDTH * scale, height), "white")
    draw, font = ImageDraw.Draw(image), _font(13 * scale)
    plot = (_WIDTH - _LABEL_WIDTH - 60) * scale
    for n, (label, value) in enumerate(items):
        y = (10 + n * (_BAR + _GAP)) * scale
        length = 0 if value is None else max(0.0, min(1.0, value / maximum)) * plot
        draw.text(((_LABEL_WIDTH - 8) * scale, y + 3 * scale), label, fill="black", font=font, anchor="ra")
        if length:
            draw.rectangle([_LABEL_WIDTH * scale, y, _LABEL_WIDTH * scale + length, y + _BAR * scale],
                           fill=_colour(value))
        draw.text((_LABEL_WIDTH * scale + length + 6 * scale, y + 3 * scale),
                  "—" if value is None else f"{value:.1f}", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def line_png(points: Sequence[tuple[str, Optional[float]]], maximum: float = 100) -> bytes:
    from PIL import Image, ImageDraw

    scale, width, height = 2, _WIDTH, 240
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw, font = ImageDraw.Draw(image), _font(12 * scale)
    for tick in (0, 50, 100):
        y = (height - 30 - tick / 100 * (height - 50)) * scale
        draw.line([45 * scale, y, (width - 20) * scale, y], fill="#dddddd", width=scale)
        draw.text((40 * scale, y), f"{tick * maximum / 100:g}", fill="black", font=font, anchor="rm")
    xy = [(x * scale, y * scale) for x, y in _line_points([v for _, v in points], width, height, maximum)]
    if len(xy) > 1:
        draw.line(xy, fill="#1f6fb2", width=2 * scale)
    for x, y in xy:
        draw.ellipse([x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale], fill="#1f6fb2")
    if points:
        draw.text((50 * scale, (height - 22) * scale), points[0][0], fill="black", font=font)
        draw.text(((width - 20) * scale, (height - 22) * scale), points[-1][0], fill="black", font=font, anchor="ra")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
