"""Markdown renders the usual formatting and nothing that could run."""
import json

import pytest

from campaign.base.markdown import render

from .html_safety import active_content


def test_formatting_survives():
    html = render("# Title\n\n**bold** _it_ [link](https://example.org) \n\n- one\n- two\n\n> quote")
    for piece in ("<strong>bold</strong>", "<em>it</em>", "<li>one</li>", "<blockquote>",
                  'href="https://example.org"', 'rel="nofollow noopener noreferrer"'):
        assert piece in html


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    "![img](javascript:alert(1))",
    '<svg onload="alert(1)">',
    "<iframe src=//evil.example></iframe>",
    "[x](vbscript:msgbox(1))",
    "<style>body{display:none}</style>",
])
def test_nothing_active_survives(source):
    assert active_content(render(source)) == []


def test_every_naughty_string_renders_safely(shared_data):
    strings = json.loads((shared_data / "naughty-strings" / "blns.json").read_text())
    for text in strings:
        assert active_content(render(text)) == [], text
