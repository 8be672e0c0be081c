"""The Dutch name and sentence of every action an event records: one registry for every timeline.

Events hold codes (`plan.activated`); residents and staff read sentences. Each app registers, when its
AppConfig.ready imports its `event_labels` module:

- a label per action (`labels_register`): a short name, for lists and filters;
- a sentence per action (`sentences_register`) that says what happened about what, filled from the event's payload
  and from a description of its subject ("Stap {step} van de route {route} afgerond"). A sentence may have
  fallbacks: the first whose every `{field}` is known is used, else the label;
- a kind per action (`action_kinds_register`, `kinds_register`): the groups a timeline filters on;
- a describer per subject type (`describers_register`): given the subject ids of one page of a timeline and the
  viewer, it answers each subject's name and the page about it, in one query for the whole page (never one per
  event); an empty url when there is no page or the viewer may not open it.

The audit app knows no domain model: the apps register. An action without a label or sentence reads as a generic
Dutch sentence, never as its code (tests/architecture checks that every action the code records has both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from string import Formatter
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

GENERIC = _("Wijziging vastgelegd")

Text = str | Promise
# A sentence with `{fields}`, or a function of the fields that answers a sentence or None (for codes to words).
Phrase = Text | Callable[[Mapping[str, str]], "str | None"]
Sentence = Phrase | tuple[Phrase, ...]


@dataclass(frozen=True)
class Described:
    """What an event is about, in words (`name`, and `facts` for a sentence's other fields), and the page about it
    (`url`: empty when there is none or the viewer may not open it)."""

    name: str = ""
    url: str = ""
    facts: Mapping[str, str] = field(default_factory=dict)


# (the subject ids of one page, the viewer's access) -> subject id -> its description; one query per call.
Describer = Callable[[Sequence[str], Any], Mapping[str, Described]]

_labels: dict[str, Text] = {
    "break_glass.reviewed": _("Noodtoegang beoordeeld"),
    "retention.anonymised": _("Gegevens na de bewaartermijn geanonimiseerd"),
}
_sentences: dict[str, tuple[Phrase, ...]] = {
    "break_glass.reviewed": (_("Gebruik van noodtoegang beoordeeld door de privacy officer"),),
    "retention.anonymised": (
        _("{count} gegevens na de bewaartermijn geanonimiseerd"),
        _("Gegevens na de bewaartermijn geanonimiseerd"),
    ),
}
_kinds: dict[str, tuple[int, Text]] = {"privacy": (90, _("Privacy"))}
_action_kinds: dict[str, str] = {"break_glass.reviewed": "privacy", "retention.anonymised": "privacy"}
_describers: dict[str, Describer] = {}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)+$")  # de_dienst.sheltered_work, gemeente-weidebeek


def labels_register(labels: Mapping[str, Text]) -> None:
    """An app's actions and their Dutch labels; registering the same again changes nothing."""
    _labels.update(labels)


def sentences_register(sentences: Mapping[str, Sentence]) -> None:
    """An app's actions and their Dutch sentences (a phrase, or a tuple of phrases tried in order)."""
    _sentences.update({action: s if isinstance(s, tuple) else (s,) for action, s in sentences.items()})


def kinds_register(kinds: Mapping[str, tuple[int, Text]]) -> None:
    """Kinds of events a timeline filters on: code -> (order in the filter, Dutch name)."""
    _kinds.update(kinds)


def action_kinds_register(kind: str, actions: Iterable[str]) -> None:
    """These actions are of this kind."""
    _action_kinds.update(dict.fromkeys(actions, kind))


def describers_register(describers: Mapping[str, Describer]) -> None:
    """Per subject type, the function that names the subjects of a page of events and links to their pages."""
    _describers.update(describers)


def event_label(action: str) -> str:
    """The action in Dutch; an unknown one as a generic sentence, so no code reaches a screen."""
    return str(_labels.get(action) or GENERIC)


def labelled_actions() -> frozenset[str]:
    return frozenset(_labels)


def sentenced_actions() -> frozenset[str]:
    return frozenset(_sentences)


def described_types() -> frozenset[str]:
    """The subject types an app names and links (the others read from the event's payload alone)."""
    return frozenset(_describers)


def event_kinds() -> list[tuple[str, str]]:
    """The kinds a timeline filters on, in their order: (code, Dutch name)."""
    return [(code, str(label)) for code, (_order, label) in sorted(_kinds.items(), key=lambda item: item[1][0])]


def event_kind(action: str) -> str:
    return _action_kinds.get(action, "")


def actions_of_kind(kind: str) -> frozenset[str]:
    return frozenset(action for action, code in _action_kinds.items() if code == kind)


def events_described(events: Iterable[Any], viewer: Any) -> dict[tuple[str, str], Described]:
    """(subject type, subject id) -> description, for a page of events: one describer call per subject type."""
    ids: dict[str, list[str]] = {}
    for event in events:
        if event.subject_type in _describers:
            ids.setdefault(event.subject_type, [])
            if event.subject_id not in ids[event.subject_type]:
                ids[event.subject_type].append(event.subject_id)
    described: dict[tuple[str, str], Described] = {}
    for subject_type, subject_ids in ids.items():
        for subject_id, description in _describers[subject_type](subject_ids, viewer).items():
            described[(subject_type, str(subject_id))] = description
    return described


def _word(value: Any) -> str | None:
    """A payload value as a word in a sentence: numbers and names as they are, ISO dates in Dutch; codes, flags,
    lists and empties are left out (a sentence needing them falls back to the next)."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and _CODE.match(value):
        return None  # a key or code is no word for people; the subject's describer names it
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return None
    return value if isinstance(value, str) else None


def _fields(event: Any, about: Described | None) -> dict[str, str]:
    fields: dict[str, str] = {}
    for prefix, state in (("before_", event.before), ("", event.after)):
        if isinstance(state, dict):
            for key, value in state.items():
                word = _word(value)
                if word is not None:
                    fields[prefix + key] = word
    if about is not None:
        fields.update({key: value for key, value in about.facts.items() if value})
        if about.name:
            fields["name"] = about.name
    return fields


def _filled(phrase: Phrase, fields: Mapping[str, str]) -> str | None:
    if callable(phrase) and not isinstance(phrase, Promise):
        try:
            done = phrase(fields)
        except (KeyError, ValueError):
            return None
        return str(done) if done else None
    text = str(phrase)
    names = [name for _literal, name, _spec, _conversion in Formatter().parse(text) if name]
    if any(name not in fields for name in names):
        return None
    return text.format_map(fields)


def event_sentence(event: Any, about: Described | None = None, *, with_actor: bool = True) -> str:
    """What happened about what, in Dutch, and by whom: the first of the action's sentences whose fields are all
    known (from the payload and the subject's description), else its label; never a code."""
    fields = _fields(event, about)
    sentence = next(
        (done for phrase in _sentences.get(event.action, ()) if (done := _filled(phrase, fields)) is not None),
        event_label(event.action),
    )
    actor = getattr(event, "actor", None) if with_actor else None
    if actor is not None:
        name = actor.get_full_name() or actor.get_username()
        return gettext("%(what)s door %(who)s") % {"what": sentence, "who": name}
    return sentence
