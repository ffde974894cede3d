"""Image files made in the test: ordinary ones, and the hostile ones every upload field must refuse."""
import io
import struct
import zlib
from dataclasses import dataclass
from functools import cache

from PIL import Image

from campaign.core.organizations import logos

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def image_bytes(size=(40, 20), format="PNG", color=(200, 30, 30), **options):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=format, **options)
    return out.getvalue()


def noise_bytes(format):
    """An image that does not compress to nothing, so that cutting it short loses pixels."""
    out = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(out, format=format)
    return out.getvalue()


def animation_bytes(format):
    out = io.BytesIO()
    frames = [Image.new("RGB", (40, 20), color) for color in ((200, 30, 30), (30, 30, 200))]
    frames[0].save(out, format=format, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def phone_photo_bytes():
    """A JPEG as phones write them: an MPO, the photo first and a second picture of it after."""
    out = io.BytesIO()
    photo = Image.new("RGB", (40, 20), (200, 30, 30))
    photo.save(out, format="MPO", save_all=True, append_images=[photo.resize((20, 10))])
    return out.getvalue()


def _png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width, height, bit_depth=8, colour_type=2, rows=b""):
    """A PNG whose header claims `width` by `height`, with `rows` (raw scanlines) as its data."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (PNG_SIGNATURE + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows or b"\0", 9))
            + _png_chunk(b"IEND", b""))


def decompression_bomb():
    """A PNG of about 8 KB that decodes to 64 million pixels (one bit each, all zero); Pillow's own
    limit, 89 million, would let it through."""
    width = height = 8_000
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + width // 8)  # a filter byte, then the row's bits
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return PNG_SIGNATURE + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def _entropy_bytes(bits):
    """Bits as JPEG entropy-coded bytes: padded with ones, every 0xFF followed by a stuffed 0x00."""
    bits += "1" * (-len(bits) % 8)
    out = bytearray()
    for start in range(0, len(bits), 8):
        out.append(int(bits[start:start + 8], 2))
        if out[-1] == 0xFF:
            out.append(0)
    return bytes(out)


@cache
def many_scans_jpeg(scans=2500, side=4000):
    """A progressive grey JPEG of side×side pixels (within LOGO_MAX_PIXELS) and `scans` empty scans
    more, in about 100 KB: each scan is a few bytes, but a decoder passes over all 250,000 blocks
    of the image for it (Pillow before the bound: about a millisecond a scan on a 2-core machine)."""
    out = io.BytesIO()
    Image.new("L", (side, side)).save(out, format="JPEG", progressive=True)
    start = out.getvalue()[:-2]  # without its end-of-image marker
    # A Huffman table of AC codes with one symbol, 0xE0: "end of band" for the next 2**14 + n blocks.
    table = bytes([0x11]) + bytes([1] + [0] * 15) + bytes([0xE0])
    define_table = b"\xff\xc4" + struct.pack(">H", len(table) + 2) + table
    blocks = (side // 8) ** 2
    runs = -(-blocks // (2**15 - 1))  # each code with 14 bits of ones skips 32,767 blocks
    header = bytes([1, 1, 0x00, 1, 63, 0x00])  # the one component, AC coefficients 1 to 63, first pass
    scan = b"\xff\xda" + struct.pack(">H", len(header) + 2) + header + _entropy_bytes(("0" + "1" * 14) * runs)
    return start + define_table + scan * scans + b"\xff\xd9"


@dataclass
class HostileFile:
    name: str
    filename: str
    make: object  # a function of the app's config returning the bytes
    message: str


HOSTILE_FILES = [
    HostileFile("zero bytes", "logo.png", lambda config: b"", "The logo file is empty."),
    HostileFile("text named .png", "logo.png", lambda config: b"just some words\n", logos.NOT_AN_IMAGE),
    HostileFile("SVG with a script", "logo.svg",
                lambda config: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                logos.NOT_AN_IMAGE),
    HostileFile("SVG named .png", "logo.png",
                lambda config: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', logos.NOT_AN_IMAGE),
    HostileFile("HTML behind a PNG signature", "logo.png",
                lambda config: PNG_SIGNATURE + b"<html><script>alert(1)</script></html>", logos.NOT_AN_IMAGE),
    HostileFile("PDF", "logo.pdf", lambda config: b"%PDF-1.4 not an image", logos.NOT_AN_IMAGE),
    HostileFile("an image of another format", "logo.bmp", lambda config: image_bytes(format="BMP"),
                logos.NOT_AN_IMAGE),
    HostileFile("truncated PNG", "logo.png", lambda config: noise_bytes("PNG")[:6000], logos.DAMAGED),
    HostileFile("truncated JPEG", "logo.jpg", lambda config: noise_bytes("JPEG")[:2000], logos.DAMAGED),
    HostileFile("decompression bomb", "logo.png", lambda config: decompression_bomb(), logos.TOO_MANY_PIXELS),
    HostileFile("huge dimensions", "logo.png", lambda config: png_claiming(100_000, 100_000), logos.TOO_MANY_PIXELS),
    HostileFile("just over the pixel limit", "logo.png",
                lambda config: png_claiming(config["LOGO_MAX_PIXELS"] // 1000 + 1, 1000), logos.TOO_MANY_PIXELS),
    HostileFile("animated GIF", "logo.gif", lambda config: animation_bytes("GIF"), logos.ANIMATED),
    HostileFile("animated PNG", "logo.png", lambda config: animation_bytes("PNG"), logos.ANIMATED),
    HostileFile("animated WebP", "logo.webp", lambda config: animation_bytes("WEBP"), logos.ANIMATED),
    HostileFile("progressive JPEG of 2,500 empty scans", "logo.jpg", lambda config: many_scans_jpeg(),
                logos.TOO_MANY_SCANS),
    HostileFile("over LOGO_MAX_BYTES", "logo.png",
                lambda config: image_bytes() + b"\0" * config["LOGO_MAX_BYTES"], "The logo is too large"),
]
