"""The layers of campaign/, read from its folders, and the imports that must keep to them.

The folders under campaign/ are the layers, and their names sort in their order, low to high:
base < core < features < web (docs/architecture.md says what each holds and why). Within every
package, `pages.py` (what the routes of several packages share) is web, and `views.py`,
`*_views.py` and `commands.py` (the routes and the CLI) are above all layers. Every import under
campaign/, at module level or inside a function, is read with `ast`, and:
- a lower layer never imports a higher one;
- a views or commands module never imports another package's views or commands;
- no two packages import each other, directly or round a longer cycle (a package's domain
  modules, its pages and its routes count as three, so views may import what imports nothing back);
- an import inside a function never reaches into another package (outside the app factory): that
  is how a cycle hides.
"""
import ast
import re

import config

ROUTE_MODULES = ("views", "commands")
APP_ROOT = ("__init__", "models")  # create_app and the models registry sit above everything


class Tree:
    """The modules under one campaign/ folder, their layers and their imports."""

    def __init__(self, campaign):
        self.campaign = campaign
        self.layers = sorted(p.name for p in campaign.iterdir() if (p / "__init__.py").exists())
        self.modules = {}
        for path in sorted(campaign.rglob("*.py")):
            parts = list(path.relative_to(campaign.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            self.modules[".".join(parts)] = path

    def package(self, module):
        """campaign.<layer>.<package>, or campaign for the app root."""
        parts = module.split(".")
        return ".".join(parts[:3]) if len(parts) >= 3 else "campaign"

    def is_route(self, module):
        name = module.rsplit(".", 1)[-1]
        return name in ROUTE_MODULES or name.endswith("_views")

    def rank(self, module):
        """The layer's place (0 the lowest); pages rank with the top folder; routes above it."""
        parts = module.split(".")
        if self.package(module) == "campaign":
            return len(self.layers) + 1
        if self.is_route(module):
            return len(self.layers)
        if parts[-1] == "pages":
            return len(self.layers) - 1
        return self.layers.index(parts[1])

    def rank_name(self, rank):
        names = [*self.layers, "routes (views, commands)", "the app root"]
        return names[rank]

    def resolve(self, name):
        while name and name not in self.modules:
            name = name.rpartition(".")[0]
        return name

    def imports(self):
        """(module, line, imported module, inside a function) for every campaign import."""
        for module, path in self.modules.items():
            tree = ast.parse(path.read_text(), str(path))
            inside = {id(node) for function in ast.walk(tree)
                      if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
                      for node in ast.walk(function)}
            for node in ast.walk(tree):
                for target in self._targets(module, path, node):
                    found = self.resolve(target)
                    if found and found != module and found.startswith("campaign"):
                        yield module, node.lineno, found, id(node) in inside

    def _targets(self, module, path, node):
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        if not isinstance(node, ast.ImportFrom):
            return []
        base = node.module or ""
        if node.level:
            here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            here = here[: len(here) - (node.level - 1)]
            base = ".".join(here + ([node.module] if node.module else []))
        return [f"{base}.{alias.name}" for alias in node.names]

    def where(self, module, line):
        return f"{self.modules[module].relative_to(self.campaign.parent)}:{line}"

    def violations(self):
        found = [f"{path.relative_to(self.campaign.parent)}: layout: a module outside the layer folders "
                 "(only the app root sits directly in campaign/): move it into one (relayout2.py does)"
                 for path in sorted(self.campaign.rglob("*.py"))
                 if path.relative_to(self.campaign).parts[0] not in self.layers
                 and path.relative_to(self.campaign).parts != (path.name,)
                 or (path.parent == self.campaign and path.stem not in APP_ROOT)]
        edges = {}
        for module, line, target, in_function in self.imports():
            source_package, target_package = self.package(module), self.package(target)
            if self.rank(target) > self.rank(module):
                found.append(f"{self.where(module, line)}: order: {module} ({self.rank_name(self.rank(module))}) "
                             f"imports {target} ({self.rank_name(self.rank(target))}); a layer never imports a "
                             "higher one")
            if self.is_route(module) and self.is_route(target) and source_package != target_package:
                found.append(f"{self.where(module, line)}: views: {module} imports {target}, another package's "
                             "views; move what both need to a pages or domain module")
            if in_function and source_package != target_package and "campaign" not in (source_package,
                                                                                          target_package):
                found.append(f"{self.where(module, line)}: function-level import: {module} imports {target} "
                             "inside a function; import at the top, or move the code to where it belongs")
            if source_package != "campaign" and target_package != "campaign":
                a, b = (source_package, self.rank(module)), (target_package, self.rank(target))
                if a != b:
                    edges.setdefault(a, {}).setdefault(b, self.where(module, line))
        for cycle in cycles(edges):
            members = set(cycle)
            steps = [f"{a[0]} -> {b[0]} ({where})" for a in cycle for b, where in edges.get(a, {}).items()
                     if b in members]
            found.append(f"{steps[0].rsplit('(', 1)[1].rstrip(')')}: cycle: packages import each other: "
                         + "; ".join(steps))
        return found


def cycles(edges):
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in edges.get(node, {}):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_docs_architecture_lists_the_layer_folders_in_their_order():
    """The folders are the truth; the map names them, low to high, as they sort."""
    text = (config.ROOT / "docs" / "architecture.md").read_text()
    documented = re.findall(r"^\| `campaign/(\w+)/` \|", text, re.MULTILINE)
    assert documented == Tree(config.ROOT / "campaign").layers


def test_every_import_under_campaign_keeps_to_the_layers():
    problems = Tree(config.ROOT / "campaign").violations()
    assert not problems, "\n".join(problems)


def _write(root, files):
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return Tree(root / "campaign")


def test_the_check_finds_each_kind_of_wrong_import(tmp_path):
    """The rules can fail: a small tree that breaks each of them once."""
    tree = _write(tmp_path, {
        "campaign/__init__.py": "from campaign.web.home import views\n",
        "campaign/flat.py": "",
        "campaign/stray/left.py": "",
        "campaign/base/__init__.py": "",
        "campaign/base/db.py": "from ..core.people import models\n",
        "campaign/core/__init__.py": "",
        "campaign/core/people/__init__.py": "",
        "campaign/core/people/models.py": "from campaign.base import db\nfrom ..places import models\n",
        "campaign/core/people/views.py": "from ..places.views import bp\n",
        "campaign/core/places/__init__.py": "",
        "campaign/core/places/models.py": "def load():\n    from ..people import models\n",
        "campaign/core/places/views.py": "bp = None\n",
        "campaign/web/__init__.py": "",
        "campaign/web/home/__init__.py": "",
        "campaign/web/home/views.py": "from campaign.core.people import views\n",
    })
    problems = tree.violations()
    expected = [
        "campaign/flat.py: layout:",
        "campaign/stray/left.py: layout:",
        "campaign/base/db.py:1: order: campaign.base.db (base) imports campaign.core.people.models (core)",
        "campaign/core/people/views.py:1: views: campaign.core.people.views imports campaign.core.places.views",
        "campaign/web/home/views.py:1: views:",
        "campaign/core/places/models.py:2: function-level import:",
        ": cycle: packages import each other: campaign.base.db -> campaign.core.people",
    ]
    for start in expected:
        assert any(start in problem for problem in problems), (start, problems)
    assert any("cycle" in p and "campaign.core.people -> campaign.core.places" in p
               and "campaign.core.places -> campaign.core.people" in p for p in problems), problems
    assert not any(p.startswith("campaign/__init__.py") for p in problems)  # the app root imports anything


def test_a_tree_that_keeps_the_layers_passes(tmp_path):
    tree = _write(tmp_path, {
        "campaign/__init__.py": "from campaign.core.people import views\n",
        "campaign/base/__init__.py": "",
        "campaign/base/db.py": "",
        "campaign/core/__init__.py": "",
        "campaign/core/people/__init__.py": "",
        "campaign/core/people/models.py": "from campaign.base import db\n",
        "campaign/core/people/pages.py": "from .models import db\n",
        "campaign/core/people/views.py": "from . import models, pages\nfrom campaign.core.places.pages import x\n",
        "campaign/core/places/__init__.py": "",
        "campaign/core/places/pages.py": "from campaign.core.people import models\nx = 1\n",
    })
    assert tree.violations() == []
