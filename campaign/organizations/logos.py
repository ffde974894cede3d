"""Organization logos: checked and re-encoded with Pillow, stored by random name, served as PNG.

Whatever is uploaded is decoded as a raster image and written out again as a fresh PNG, so no
SVG, HTML, script or metadata that came with the upload is ever stored or served.
"""
import io
import re
import secrets
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.png$")
# Logos are shown small; larger ones are scaled down to fit this box.
STORED_BOX = (800, 800)


class BadLogo(ValueError):
    """The upload is not an acceptable logo; the message says why, for the signer."""


def directory():
    path = Path(current_app.config["LOGO_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def checked(stream):
    """The upload in `stream` re-encoded as PNG bytes, or BadLogo."""
    max_bytes = current_app.config["LOGO_MAX_BYTES"]
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BadLogo(f"The logo is too large: it must be at most {max_bytes // 1024:,} KB.")
    if not data:
        raise BadLogo("The logo file is empty.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise BadLogo("The logo must be a PNG, JPEG, WebP or GIF image.")
            if image.width * image.height > current_app.config["LOGO_MAX_PIXELS"]:
                raise BadLogo("The logo has too many pixels: scale it down to at most 4,000 by 4,000 and send it again.")
            image.seek(0)  # the first frame of an animation
            image.load()
            picture = image.convert("RGBA")
    except BadLogo:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        raise BadLogo("The logo must be a PNG, JPEG, WebP or GIF image.") from None
    picture.thumbnail(STORED_BOX)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def save(png_bytes):
    """Store re-encoded PNG bytes under a random name; return the name."""
    name = secrets.token_hex(16) + ".png"
    (directory() / name).write_bytes(png_bytes)
    return name


def path_of(name):
    """The stored file for `name`, or None for a name we could not have made."""
    if not STORED_NAME.match(name or ""):
        return None
    path = directory() / name
    return path if path.is_file() else None
