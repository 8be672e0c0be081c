"""The caseworker mix for locust (run by bench/load/run.py; headless, bounded, local only).

Each virtual user is a demo caseworker with a session of its own (pages) and an API token of its own (API), made
by django_side.py prepare; it requests, with no think time, one of five pages with equal weight, each time for a
household picked at random among those the caseworker may see. A response other than 200 is an error.

Environment: LOAD_TARGETS (the prepare JSON), LOAD_SAMPLES (where every request's timing is written),
LOAD_MAX_REQUESTS (stop after this many requests; 0 = only the time limit).
"""

import itertools
import json
import os
import random
import time
from pathlib import Path
from urllib.parse import urlparse

from locust import FastHttpUser, constant, events, task

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
PAGES = TARGETS["pages"]
API_PAGES = set(TARGETS["api_pages"])
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_credentials = itertools.cycle(TARGETS["credentials"])
_samples: list[tuple[str, float, float, int]] = []  # name, start (epoch s), response time (ms), ok


@events.init.add_listener
def _local_only(environment, **kwargs) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in LOCAL_HOSTS:
        raise SystemExit(f"The load harness only loads a local server (127.0.0.1), not {environment.host!r}.")


@events.request.add_listener
def _record(name, response_time, exception, **kwargs) -> None:
    _samples.append((name, time.time() - response_time / 1000, response_time, exception is None))
    if MAX_REQUESTS and len(_samples) >= MAX_REQUESTS:
        runner = kwargs.get("context", {}).get("runner") or _runner[0]
        if runner is not None:
            runner.quit()


_runner: list = [None]


@events.test_start.add_listener
def _remember_runner(environment, **kwargs) -> None:
    _runner[0] = environment.runner


@events.quitting.add_listener
def _write_samples(environment, **kwargs) -> None:
    path = os.environ.get("LOAD_SAMPLES")
    if path:
        with open(path, "w") as out:
            json.dump(_samples, out)


class Caseworker(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.credential = next(_credentials)
        self.target = TARGETS["targets"][self.credential["account"]]

    def _get(self, name: str) -> None:
        values = {key: random.choice(ids) for key, ids in self.target.items()}
        headers = {"X-Forwarded-Proto": "https"}  # as behind the TLS proxy of docs/deployment.md
        if name in API_PAGES:
            headers["Authorization"] = f"Token {self.credential['token']}"
        else:
            headers["Cookie"] = f"sessionid={self.credential['session']}"
        path = PAGES[name].format(**values)
        with self.client.get(path, name=name, headers=headers, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task
    def worklist(self) -> None:
        self._get("worklist")

    @task
    def household(self) -> None:
        self._get("household")

    @task
    def case(self) -> None:
        self._get("case")

    @task
    def api_cases(self) -> None:
        self._get("api_cases")

    @task
    def regulations_check(self) -> None:
        self._get("regulations_check")
