"""The README's Python snippets, run by the tests that check what they promise."""
import re

import config


def run(name, **names):
    """Run the code block after `<!-- README snippet: name -->` in README.md with `names`
    defined; returns its names."""
    text = (config.ROOT / "README.md").read_text()
    found = re.search(rf"<!-- README snippet: {name} -->\n```python\n(.*?)```", text, re.S)
    assert found, f"README.md has no snippet {name}"
    exec(compile(found[1], f"README.md snippet {name}", "exec"), names)  # noqa: S102  (our own README)
    return names
