"""The wire between the municipality and its providers: an adapter, so the exchange can change without the services.

`FileDropWire` is the local implementation (demo, operators, tests): outgoing messages are written to `out/`,
incoming ones are read from `in/` and moved to `done/` once processed (`acknowledge`). The GGK / VECOZO exchange
would be another adapter with the same methods, chosen by the setting `PROVIDERS_WIRE` (a dotted path).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Wire(Protocol):
    def send(self, message) -> None:
        """Deliver one stored outgoing Message (its XML) to the receiver."""

    def receive(self) -> Iterator[bytes]:
        """The messages waiting for us, one XML document each."""

    def acknowledge(self) -> None:
        """The messages received so far are processed: the exchange may forget them (idempotent processing makes
        a message received twice after a crash harmless)."""


def exchange_dir() -> Path:
    """`PROVIDERS_EXCHANGE_DIR`, default `var/exchange/` beside the project."""
    configured = getattr(settings, "PROVIDERS_EXCHANGE_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "exchange"


class FileDropWire:
    """A folder per direction; a file appears whole or not at all (written beside, then renamed)."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root else exchange_dir()
        self._received: list[Path] = []

    @property
    def outbox(self) -> Path:
        return self.root / "out"

    @property
    def inbox(self) -> Path:
        return self.root / "in"

    @property
    def done(self) -> Path:
        return self.root / "done"

    def send(self, message) -> None:
        name = f"{message.kind}-{message.sender}-{message.receiver}-{message.identification}.xml"
        self._write_atomically(self.outbox / name, message.xml.encode("utf-8"))

    def deliver(self, xml: bytes, name: str) -> Path:
        """Put a message in the inbox as a provider's system would (demo and tests)."""
        path = self.inbox / name
        self._write_atomically(path, xml)
        return path

    def receive(self) -> Iterator[bytes]:
        if not self.inbox.is_dir():
            return
        for path in sorted(p for p in self.inbox.iterdir() if p.is_file() and not p.name.startswith(".")):
            self._received.append(path)
            yield path.read_bytes()

    def acknowledge(self) -> None:
        """Move the files received so far to `done/`: they stay in the inbox until their messages are processed."""
        self.done.mkdir(parents=True, exist_ok=True)
        while self._received:
            path = self._received.pop(0)
            os.replace(path, self.done / path.name)

    @staticmethod
    def _write_atomically(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def wire() -> Wire:
    """The configured adapter (`PROVIDERS_WIRE`, default the file drop)."""
    dotted = getattr(settings, "PROVIDERS_WIRE", "")
    return import_string(dotted)() if dotted else FileDropWire()
