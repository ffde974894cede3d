"""What a browser would send for each POST form of a page: its fields with the values shown."""
from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "reset", "image", "file"}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (action, {name: value})
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {}
            self.forms.append((attrs.get("action") or "", self._form))
        if self._form is None or "name" not in attrs and tag != "option":
            return
        if tag == "input" and (attrs.get("type") or "text") not in SKIPPED_INPUTS:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self._form[attrs["name"]] = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select:
            # The first option, unless one is selected: as a browser sends it.
            if self._select not in self._form or "selected" in attrs:
                self._form[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(html):
    """[(action, {name: value})] of every method="post" form in `html`, in page order."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.forms
