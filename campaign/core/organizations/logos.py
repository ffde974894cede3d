"""Organization logos: checked and re-encoded with Pillow, stored by random name, served as PNG.

Whatever is uploaded is decoded as a raster image and written out again as a fresh PNG, so no
SVG, HTML, script or metadata that came with the upload is ever stored or served.

Decoding is bounded before it starts: the file's size (LOGO_MAX_BYTES), its pixels
(LOGO_MAX_PIXELS, read from the header) and, for a progressive JPEG, its scans. The decoder
passes over every block of the image once per scan, so a small file of many empty scans would
otherwise hold a worker for minutes. Only the first frame of a file is ever decoded, and
animations are refused.
"""
import io
import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from campaign.base.i18n import N_, number

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF", "MPO"}
# A phone's photo is often an MPO: a JPEG that carries more pictures of itself (a preview, a
# depth map). Its first picture is the photo; the others are no animation.
JPEG_FORMATS = {"JPEG", "MPO"}
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.png$")
# Logos are shown small; larger ones are scaled down to fit this box.
STORED_BOX = (800, 800)
# A progressive JPEG from an ordinary encoder has about 10 scans (libjpeg: 10, or 6 in grey;
# mozjpeg a few more). Each costs up to about a millisecond at LOGO_MAX_PIXELS, so this bounds a
# hostile file's decoding to a tenth of a second.
MAX_JPEG_SCANS = 100
SOS_MARKER = b"\xff\xda"

NOT_AN_IMAGE = N_("The logo must be a PNG, JPEG, WebP or GIF image.")
DAMAGED = N_("The logo could not be read: the file may be damaged or cut short. Save it again and send it.")
TOO_MANY_PIXELS = N_("The logo has too many pixels: scale it down to at most 4,000 by 4,000 and send it again.")
ANIMATED = N_("The logo must be a still image, not an animation: send one frame of it.")
TOO_MANY_SCANS = N_("The logo is a JPEG of too many scans to read: save it again as an ordinary JPEG or as a PNG.")


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
        raise BadLogo(_("The logo is too large: it must be at most %(size)s KB.", size=number(max_bytes // 1024)))
    if not data:
        raise BadLogo(_("The logo file is empty."))
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise BadLogo(_(TOO_MANY_PIXELS)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise BadLogo(_(NOT_AN_IMAGE)) from None
    with image:
        _check_before_decoding(image, data)
        try:
            image.load()
            picture = image.convert("RGBA")
        except (OSError, ValueError, SyntaxError, EOFError):
            raise BadLogo(_(DAMAGED)) from None
    picture.thumbnail(STORED_BOX)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _check_before_decoding(image, data):
    """BadLogo for what the header and the bytes show to be unacceptable, before any pixel is read."""
    if image.format not in ACCEPTED_FORMATS:
        raise BadLogo(_(NOT_AN_IMAGE))
    if image.width * image.height > current_app.config["LOGO_MAX_PIXELS"]:
        raise BadLogo(_(TOO_MANY_PIXELS))
    try:
        animated = image.format not in JPEG_FORMATS and getattr(image, "is_animated", False)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise BadLogo(_(DAMAGED)) from None
    if animated:
        raise BadLogo(_(ANIMATED))
    # Every scan starts with these two bytes, and the compressed data between markers never
    # holds them (a 0xFF there is always followed by 0x00 or a restart number): the count is at
    # least the number of scans, whatever else the file claims.
    if image.format in JPEG_FORMATS and data.count(SOS_MARKER) > MAX_JPEG_SCANS:
        raise BadLogo(_(TOO_MANY_SCANS))


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
