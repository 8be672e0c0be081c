"""Static files as production builds them: `collectstatic` with the manifest storage, then pages with DEBUG off.

The install once stopped on an icon (`pijltje.svg`) that an unused Utrecht token file referenced, so no page of
production could render; these tests run the operator's own command on a fresh output folder.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "routekaart.conf.production",
    "SECRET_KEY": "collectstatic-test-secret-key-that-is-long-enough-and-not-real",
    "DATABASE_URL": "sqlite:///:memory:",
    "BSN_ENCRYPTION_KEYS": "uZ0z2a1mXQxGxJ0cQm0Wb3l8bqkqgk1X2E6k5m1bVvE=",
    "BSN_HASH_KEY": "h" * 40,
    "PSEUDONYM_KEY": "p" * 40,
}

COLLECT = """
import json, django
from django.conf import settings
from django.core.management import call_command
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
print(json.dumps({"storage": settings.STORAGES["staticfiles"], "root": str(settings.STATIC_ROOT)}))
"""


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict:
    """Runs collectstatic under the production settings into an empty folder, as an operator would."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")},
        **PRODUCTION_ENV,
        "STATIC_ROOT": str(static_root),
        "PYTHONPATH": str(ROOT / "src"),
    }
    done = subprocess.run(
        [sys.executable, "-c", COLLECT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    settings = json.loads(done.stdout.strip().splitlines()[-1])
    assert settings["root"] == str(static_root)
    return {"root": static_root, "storage": settings["storage"]}


def test_collectstatic_with_the_production_storage_writes_a_manifest(collected):
    assert collected["storage"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    manifest = json.loads((collected["root"] / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/utrecht-tokens/theme.css", "vendor/utrecht-css/index.css", "vendor/htmx/htmx.min.js"):
        assert name in manifest


def test_collectstatic_ships_only_the_vendor_files_the_pages_use(collected):
    """The design tokens' dist folder is 15 MB of files no page links; only what a template names is shipped."""
    tokens = collected["root"] / "vendor" / "utrecht-tokens"
    shipped = {re.sub(r"\.[0-9a-f]{12}\.", ".", path.name) for path in tokens.iterdir()}
    assert {name for name in shipped if not name.endswith((".gz", ".br"))} == {"theme.css"}


@pytest.mark.django_db
def test_the_login_page_renders_with_debug_off_and_its_static_files_are_served(collected):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": collected["storage"],
    }
    with override_settings(DEBUG=False, STATIC_ROOT=collected["root"], STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        client = Client()  # a new handler: whitenoise reads STATIC_ROOT when the middleware starts
        response = client.get("/accounts/login/")
        assert response.status_code == 200
        html = response.content.decode()
        theme = re.search(r'href="(/static/vendor/utrecht-tokens/theme\.[0-9a-f]{12}\.css)"', html)
        assert theme, "the page links the hashed name from the manifest"
        static = client.get(theme.group(1))
        assert static.status_code == 200
        assert b"--utrecht" in b"".join(static.streaming_content)
