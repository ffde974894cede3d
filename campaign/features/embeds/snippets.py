"""The HTML that organizers copy onto partners' sites to embed a petition."""
from flask import url_for
from markupsafe import escape

# The frame's height when the page's script cannot size it (no JavaScript, the iframe snippet).
FRAME_HEIGHT = 620


def embed_snippets(petition):
    """{"iframe": html, "script": html}: the two ways to embed `petition`, as text to copy."""
    src = url_for("embeds.petition", slug=petition.slug, _external=True)
    title = escape(f"Sign the petition: {petition.title}")
    iframe = (f'<iframe src="{src}" title="{title}" width="100%" height="{FRAME_HEIGHT}" loading="lazy" '
              f'style="border:0;max-width:28rem"></iframe>')
    script = (f'<script src="{url_for("static", filename="js/embed.js", _external=True)}" '
              f'data-campaign-embed="{src}" data-title="{title}" async></script>')
    return {"iframe": iframe, "script": script}
