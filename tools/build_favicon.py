"""Draw static/img/favicon.ico, the bitmap twin of static/img/favicon.svg (run by hand after changing it).

    .venv/bin/python tools/build_favicon.py

The same rounded square and check mark, drawn with Pillow at 4x and scaled down (anti-aliased),
at the sizes browsers ask an ICO for: 16, 32 and 48 pixels.
"""
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
BRAND, WHITE = "#0b5394", "#ffffff"
SCALE = 4 * 48 // 32  # the SVG's 32-unit box, drawn 4x the largest size


def draw():
    """The 48-pixel icon (Pillow makes the smaller sizes from it)."""
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * SCALE, fill=BRAND)
    tick = [(8 * SCALE, 16.5 * SCALE), (13.5 * SCALE, 22 * SCALE), (24 * SCALE, 10.5 * SCALE)]
    pen.line(tick, fill=WHITE, width=4 * SCALE, joint="curve")
    for x, y in (tick[0], tick[-1]):  # round caps, as the SVG's stroke-linecap
        pen.ellipse((x - 2 * SCALE, y - 2 * SCALE, x + 2 * SCALE, y + 2 * SCALE), fill=WHITE)
    return image.resize((48, 48), Image.LANCZOS)


if __name__ == "__main__":
    draw().save(ROOT / "static" / "img" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
