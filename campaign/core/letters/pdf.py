"""The letter as a PDF (fpdf2): dated, addressed, its text, and the public list of signatories."""
import threading
from pathlib import Path

from flask import current_app
from flask_babel import gettext
from fpdf import FPDF
from PIL import Image

from campaign.base.localtime import format_local
from campaign.core.organizations import logos

# An organization's logo stands in this box (millimetres) before its name, drawn from a copy of
# at most LOGO_PIXELS: 300 dots an inch for print. The stored logo (up to 800x800) would cost
# fpdf2 a tenth of a second and a megabyte each.
LOGO_BOX = (16, 7)
LOGO_PIXELS = (190, 83)
LOGO_GAP = 3


class ShrunkLogos:
    """The logos of the letter drawn last, each shrunk once: a delivery draws the same letter again
    for each of its recipients, and shrinking is most of the cost of a logo. A stored logo never
    changes (each upload gets a new random name), so its copy stays right; only the logos of one
    letter are kept, which bounds the memory to what drawing that letter needs anyway."""

    def __init__(self):
        self._lock = threading.Lock()
        self._letter_id, self._images = None, {}

    def get(self, letter_id, path):
        """The shrunk logo at `path` for letter `letter_id`."""
        with self._lock:
            if letter_id != self._letter_id:
                self._letter_id, self._images = letter_id, {}
            images = self._images
        if path.name not in images:  # two threads may both shrink it: harmless
            images[path.name] = shrink(path)
        return images[path.name]


def shrink(path):
    """A copy of the logo at `path` of at most LOGO_PIXELS."""
    with Image.open(path) as logo:
        logo.thumbnail(LOGO_PIXELS)
        return logo.copy()


_logos = ShrunkLogos()


def render(letter, signatories, dated):
    """PDF bytes of `letter` as delivered; `signatories` is letters.queries.Signatories."""
    document = FPDF(format="Letter")
    document.set_margins(22, 20, 22)
    document.set_auto_page_break(True, margin=20)
    document.add_page()
    family = _font(document)
    document.set_title(letter.title)
    document.set_creator(current_app.config["SITE_NAME"])

    document.set_font(family, size=10)
    _line(document, format_local(dated, "long_date"), family, size=10)
    document.ln(4)
    for addressee in letter.addressee_lines:
        _line(document, addressee, family, size=11)
    document.ln(4)
    _line(document, letter.title, family, size=16, style="B")
    document.ln(2)
    document.set_font(family, size=11)
    document.write_html(letter.body_html, font_family=family)
    document.ln(6)
    _line(document, signatories.count_line, family, size=12, style="B")
    for heading, members in signatories.organization_groups:
        document.ln(3)
        if heading:
            _line(document, heading, family, size=11, style="B")
        for sign_on in members:
            _organization(document, letter.id, sign_on, family)
    if signatories.named_individuals:
        document.ln(3)
        _line(document, gettext("Individuals"), family, size=11, style="B")
        for person in signatories.named_individuals:
            name = person.public_name + (f", {person.affiliation}" if person.affiliation else "")
            _line(document, name, family, size=10)
    return bytes(document.output())


def _font(document):
    """A Unicode TrueType font when PDF_FONT_PATH names one, else the Latin-1 core Helvetica."""
    path = Path(current_app.config.get("PDF_FONT_PATH") or "")
    if path.is_file():
        bold = path.with_name(path.stem + "-Bold" + path.suffix)
        document.add_font("Body", "", str(path))
        document.add_font("Body", "B", str(bold if bold.is_file() else path))
        document.add_font("Body", "I", str(path))
        document.add_font("Body", "BI", str(bold if bold.is_file() else path))
        return "Body"
    document.core_fonts_encoding = "latin-1"
    return "Helvetica"


def _organization(document, letter_id, sign_on, family):
    """One organization's line, after its logo when it has one."""
    text = sign_on.public_name + (f", {sign_on.place}" if sign_on.place else "")
    path = logos.path_of(sign_on.logo)
    if path is None:
        _line(document, text, family, size=10)
        return
    width, height = LOGO_BOX
    if document.will_page_break(height + 1):
        document.add_page()
    top = document.get_y()
    logo = _logos.get(letter_id, path)
    scale = min(width / logo.width, height / logo.height)
    # Against the margin, in the middle of the line's height, so that the names stay aligned.
    document.image(logo, x=document.l_margin, y=top + (height - logo.height * scale) / 2,
                   w=logo.width * scale, h=logo.height * scale)
    document.set_y(top + 1)  # the name's line beside the middle of the logo
    _line(document, text, family, size=10, indent=width + LOGO_GAP)
    document.set_y(max(document.get_y(), top + height + 1))


def _line(document, text, family, size, style="", indent=0):
    document.set_font(family, style=style, size=size)
    if family == "Helvetica":
        text = text.encode("latin-1", "replace").decode("latin-1")
    document.set_x(document.l_margin + indent)
    document.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
