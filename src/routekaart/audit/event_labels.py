"""The Dutch name of every action an event records: one registry for every timeline.

Events hold codes (`plan.activated`); residents and staff read sentences. Each app registers the labels of the
actions it records at start-up (its AppConfig.ready), and every timeline asks `event_label`. An action without a
label reads as a generic Dutch sentence, never as its code (tests/architecture checks that every action the code
records has a label).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GENERIC = _("Wijziging vastgelegd")

_labels: dict[str, str | Promise] = {
    "break_glass.reviewed": _("Noodtoegang beoordeeld"),
    "retention.anonymised": _("Gegevens na de bewaartermijn geanonimiseerd"),
}


def labels_register(labels: Mapping[str, str | Promise]) -> None:
    """An app's actions and their Dutch labels; registering the same again changes nothing."""
    _labels.update(labels)


def event_label(action: str) -> str:
    """The action in Dutch; an unknown one as a generic sentence, so no code reaches a screen."""
    return str(_labels.get(action) or GENERIC)


def labelled_actions() -> frozenset[str]:
    return frozenset(_labels)
