"""Check HTML for anything that could run: script elements, event handlers, javascript: URLs."""
from html.parser import HTMLParser


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style", "img", "svg", "math", "form", "base"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value:
                if value.strip().lower().replace("\x00", "").startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{tag}[{name}={value}]")


def active_content(html):
    """The list of dangerous things in `html` (empty when it is safe to show)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
