"""The container image definition (deploy/Containerfile) builds from the repository alone.

No image can be built in the test run (no registry), so these tests check what a build would need: every file it
copies exists and is not left out of the build context, the vendor files it copies are the ones the settings ship,
and the entrypoint and health check it names are there and run.
"""

import fnmatch
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CONTAINERFILE = ROOT / "deploy" / "Containerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", CONTAINERFILE.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def ignored(path: str) -> bool:
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip() and line[0] != "#"
    ]
    parts = Path(path).parts
    return any(
        fnmatch.fnmatch(path, pattern) or any(fnmatch.fnmatch(part, pattern.removeprefix("**/")) for part in parts)
        for pattern in patterns
    )


def copies() -> list[tuple[str | None, list[str], str]]:
    """(stage it copies from or None for the build context, sources, destination) of each COPY."""
    found = []
    for keyword, arguments in instructions():
        if keyword == "COPY":
            words = shlex.split(arguments)
            stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            paths = [w for w in words if not w.startswith("--")]
            found.append((stage, paths[:-1], paths[-1]))
    return found


def test_every_file_copied_from_the_repository_exists_and_is_in_the_build_context():
    from_context = [source for stage, sources, _ in copies() if stage is None for source in sources]
    assert from_context, "the image copies the project from the build context"
    for source in from_context:
        assert (ROOT / source).exists(), f"{source} is copied but not in the repository"
        assert not ignored(source), f"{source} is copied but .dockerignore leaves it out of the build context"
    tracked = subprocess.run(["git", "ls-files", *from_context], cwd=ROOT, capture_output=True, text=True).stdout
    for source in from_context:
        assert any(line == source or line.startswith(f"{source}/") for line in tracked.splitlines()), (
            f"{source} is not in git: a fresh clone would not have it"
        )


def test_the_image_copies_exactly_the_vendor_files_the_settings_ship():
    copied = {source for stage, sources, _ in copies() if stage == "assets" for source in sources}
    shipped = {
        f"/build/{Path(folder).relative_to(ROOT)}/{name}"
        for _prefix, folder, names in settings.STATIC_VENDOR_FILES
        for name in names
    }
    assert copied == shipped
    for source in copied:
        assert (ROOT / source.removeprefix("/build/")).exists(), f"{source}: not installed by npm ci"


def test_the_image_runs_python_3_11_as_a_user_that_is_not_root_and_checks_its_health():
    steps = instructions()
    images = [arguments.split()[0] for keyword, arguments in steps if keyword == "FROM"]
    assert images[-1].startswith("python:3.11-slim")
    users = [arguments for keyword, arguments in steps if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")
    healthcheck = next(arguments for keyword, arguments in steps if keyword == "HEALTHCHECK")
    assert "deploy/healthcheck.py" in healthcheck
    assert "collectstatic" in next(a for k, a in steps if k == "RUN" and "collectstatic" in a)


def test_the_entrypoint_is_an_executable_shell_script_with_the_documented_roles():
    steps = instructions()
    assert [arguments for keyword, arguments in steps if keyword == "WORKDIR"][-1] == "/app"
    named = json.loads(next(arguments for keyword, arguments in steps if keyword == "ENTRYPOINT"))
    entrypoint = ROOT / named[0].removeprefix("/app/")
    assert entrypoint == ROOT / "deploy" / "entrypoint.sh"
    assert os.access(entrypoint, os.X_OK)
    assert subprocess.run(["sh", "-n", str(entrypoint)]).returncode == 0
    text = entrypoint.read_text()
    for role in ("web)", "migrate)", "worker)", "manage)"):
        assert role in text
    assert "deploy/gunicorn.conf.py" in text


def test_the_healthcheck_reports_unhealthy_when_nothing_answers():
    env = {**os.environ, "GUNICORN_BIND": "127.0.0.1:9", "ALLOWED_HOSTS": "routekaart.example.nl"}
    done = subprocess.run(["python3", str(ROOT / "deploy" / "healthcheck.py")], env=env, timeout=30)
    assert done.returncode == 1
