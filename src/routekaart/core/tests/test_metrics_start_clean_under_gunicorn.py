"""With several gunicorn workers the metrics live in files in PROMETHEUS_MULTIPROC_DIR, one set per process.
The files of the previous run must go when gunicorn starts, or /metrics keeps adding up workers long gone."""

import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[4] / "deploy" / "gunicorn.conf.py"


def test_gunicorn_empties_the_metrics_folder_when_it_starts(tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_4242.db").write_bytes(b"stale")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))

    runpy.run_path(str(CONFIG))["on_starting"](None)

    assert folder.is_dir()
    assert list(folder.iterdir()) == []


def test_gunicorn_makes_the_metrics_folder_when_it_is_missing(tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))

    runpy.run_path(str(CONFIG))["on_starting"](None)

    assert folder.is_dir()
