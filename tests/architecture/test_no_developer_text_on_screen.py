"""Residents and staff read Dutch sentences, never code names or file names.

Scans what reaches a screen: every template's text (outside template comments) and every translatable string in
the product's Python (`_()`, `gettext()` and friends, which is where messages, labels and help texts live). A
command (`manage.py ...`), a file name (`.py`, `.yaml`) or a policy document's working number ("seed 004") is
developer text; a caseworker reads "Functioneel beheer heeft de routekaarten nog niet geladen." or the document's
name instead.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "routekaart"
DEVELOPER_TEXT = re.compile(r"manage\.py|\bseeds? \d{3}\b|\b\w+\.(?:py|ya?ml)\b", re.IGNORECASE)
TRANSLATE = frozenset(
    {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)


def _product_files(root: Path, pattern: str) -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if not {"tests", "migrations"} & set(p.relative_to(root).parts))


def _translated_strings(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in TRANSLATE:
            for argument in node.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    yield node.lineno, argument.value


def developer_text(root: Path = SRC) -> list[str]:
    found = []
    for path in _product_files(root, "*.html"):
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in DEVELOPER_TEXT.finditer(text):
            found.append(f"{path.relative_to(root)}: {match.group()}")
    for path in _product_files(root, "*.py"):
        for line, text in _translated_strings(ast.parse(path.read_text(encoding="utf-8"))):
            for match in DEVELOPER_TEXT.finditer(text):
                found.append(f"{path.relative_to(root)}:{line}: {match.group()}")
    return found


def test_no_command_file_name_or_seed_number_reaches_a_screen():
    assert developer_text() == []


def test_the_scan_sees_developer_text_in_templates_and_messages(tmp_path):
    app = tmp_path / "app"
    (app / "templates").mkdir(parents=True)
    (app / "templates" / "page.html").write_text(
        '{# loaded by manage.py load_configuration #}<p>{% translate "Laad ze met manage.py load_data." %}</p>',
        encoding="utf-8",
    )
    (app / "views.py").write_text(
        '# seed 004\nfrom django.utils.translation import gettext as _\n\nhelp = _("Seed 002, paragraaf 3.1.")\n'
        'fine = _("Functioneel beheer heeft de routekaarten nog niet geladen.")\n',
        encoding="utf-8",
    )
    assert developer_text(app) == ["templates/page.html: manage.py", "views.py:4: Seed 002"]
