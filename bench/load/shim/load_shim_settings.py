"""Production settings for a tree from before the static files fix (load harness only; see bench/load/stack.py).

Identical to routekaart.conf.production, except that the static files come from a folder holding just the three
vendor files the templates link (the fix of conf/static_vendor.py), so collectstatic can finish.
"""

import os
import shutil
from pathlib import Path

from routekaart.conf.production import *  # noqa: F403

_NODE = Path(os.environ["LOAD_SHIM_NODE_MODULES"])
_OUT = Path(os.environ["LOAD_SHIM_STATIC"])
_FILES = [
    ("vendor/utrecht-css", _NODE / "@utrecht/component-library-css/dist/index.css"),
    ("vendor/utrecht-tokens", _NODE / "@utrecht/design-tokens/dist/theme.css"),
    ("vendor/htmx", _NODE / "htmx.org/dist/htmx.min.js"),
]
STATICFILES_DIRS = []
for _prefix, _source in _FILES:
    _folder = _OUT / _prefix.replace("/", "-")
    _folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_source, _folder / _source.name)
    STATICFILES_DIRS.append((_prefix, str(_folder)))
STATIC_ROOT = str(_OUT.parent / "staticfiles-before")
