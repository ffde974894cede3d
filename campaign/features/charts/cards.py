"""Share cards: the 1200x630 PNG that a shared link shows (Open Graph), with a title and a count."""
import io
from functools import lru_cache
from pathlib import Path

from flask import current_app
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BRAND, PAPER, INK, MUTED = (11, 83, 148), (255, 255, 255), (27, 27, 27), (85, 85, 85)


@lru_cache(maxsize=8)
def _font(size, bold=False):
    """DejaVu Sans (Debian's fonts-dejavu-core, as the PDF uses) or Pillow's own font."""
    regular = Path(current_app.config["PDF_FONT_PATH"])
    path = regular.with_name(regular.stem + "-Bold" + regular.suffix) if bold else regular
    for candidate in (path, regular):
        try:
            return ImageFont.truetype(str(candidate), size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw, text, font, width, max_lines):
    """`text` in lines no wider than `width`, at most `max_lines`, the last one cut with an ellipsis."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def render(kind, title, count_line, site_name, progress=None):
    """PNG bytes of a card: the kind of action, its title, its count line, a bar when `progress` (0..1) is given."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 18], fill=BRAND)
    margin = 72
    draw.text((margin, 70), kind.upper(), font=_font(30, bold=True), fill=BRAND)
    title_font = _font(64, bold=True)
    y = 125
    for line in _wrap(draw, title, title_font, WIDTH - 2 * margin, 3):
        draw.text((margin, y), line, font=title_font, fill=INK)
        y += 78
    draw.text((margin, HEIGHT - 175), count_line, font=_font(48, bold=True), fill=INK)
    if progress is not None:
        top = HEIGHT - 100
        draw.rounded_rectangle([margin, top, WIDTH - margin, top + 26], radius=13, fill=(221, 228, 236))
        filled = margin + (WIDTH - 2 * margin) * max(0.0, min(progress, 1.0))
        if filled > margin + 26:
            draw.rounded_rectangle([margin, top, filled, top + 26], radius=13, fill=BRAND)
    draw.text((margin, HEIGHT - 58), site_name, font=_font(28), fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
