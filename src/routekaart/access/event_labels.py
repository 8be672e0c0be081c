"""The Dutch labels and sentences of the integrale toegang's events, their kinds, and the names and pages of what
they are about (registered with audit.event_labels when AccessConfig.ready imports this module)."""

from django.urls import reverse
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import (
    Described,
    action_kinds_register,
    describers_register,
    kinds_register,
    sentences_register,
)

EVENT_LABELS = {
    "case.opened": _("Casus geopend"),
    "case.reopened": _("Casus heropend"),
    "case.joined": _("Signaal bij de open casus gevoegd"),
    "case.closed": _("Casus afgesloten"),
    "signal.received": _("Signaal ontvangen"),
    "intake.recorded": _("Intake gehouden"),
    "gatekeeping.recorded": _("Poortwachter besliste"),
    "assessment.started": _("Vraaggestuurd onderzoek begonnen"),
    "assessment.updated": _("Verslag van het onderzoek bijgewerkt"),
    "assessment.completed": _("Vraaggestuurd onderzoek afgerond"),
    "specialist_advice.requested": _("Specialistisch advies gevraagd"),
    "specialist_advice.received": _("Specialistisch advies ontvangen"),
    "plan.drafted": _("Plan van aanpak opgesteld (concept)"),
    "plan.activated": _("Plan van aanpak actief"),
    "agreement.added": _("Afspraak toegevoegd"),
    "agreement.status_changed": _("Status van een afspraak gewijzigd"),
    "decision.recorded": _("Beschikking genomen"),
    "provision.ended": _("Voorziening beëindigd"),
    "provision.changed": _("Voorziening gewijzigd"),
    "provision.granted": _("Voorziening alsnog toegekend"),
    "coordinator.transferred": _("Warme overdracht naar een nieuwe regisseur"),
    "process_coordinator.appointed": _("Procesregisseur aangewezen"),
    "review.recorded": _("Evaluatie gehouden"),
    "deadline.changed": _("Termijn gewijzigd"),
    "deadline.met": _("Termijn gehaald"),
    "resident_message.sent": _("Bericht van de inwoner ontvangen"),
    "resident_message.answered": _("Bericht van de inwoner beantwoord"),
    "agreement.done_by_resident": _("Afspraak afgevinkt door de inwoner"),
}


def _choice(enum: str, value: str | None) -> str | None:
    """A code of the payload as its Dutch name (None for an unknown code: the sentence falls back)."""
    from . import models

    choices = dict(getattr(models, enum).choices)
    return str(choices[value]).lower() if value in choices else None


def _signal(fields) -> str | None:
    kind = _choice("SignalKind", fields.get("kind"))
    return _now("%(kind)s ontvangen") % {"kind": kind.capitalize()} if kind else None


def _agreement_status(fields) -> str | None:
    status = _choice("AgreementStatus", fields.get("status"))
    return _now('Afspraak uit het plan van aanpak op "%(status)s" gezet') % {"status": status} if status else None


def _resident_message(fields) -> str | None:
    """ "De inwoner stelde een vraag over afspraak …" / "De inwoner maakte bezwaar tegen beschikking …" (the
    agreement's words come from the message's describer, the decision's reference from the payload)."""
    kind, agreement, decision = fields.get("kind"), fields.get("agreement_text"), fields.get("decision")
    if kind == "question":
        if agreement:
            return _now("De inwoner stelde een vraag over afspraak “%(agreement)s” (via Mijn Routekaart)") % {
                "agreement": agreement
            }
        if decision:
            return _now("De inwoner stelde een vraag over beschikking %(decision)s (via Mijn Routekaart)") % {
                "decision": decision
            }
        return _now("De inwoner stelde een vraag (via Mijn Routekaart)")
    if kind == "objection":
        if decision:
            return _now("De inwoner maakte bezwaar tegen beschikking %(decision)s (via Mijn Routekaart)") % {
                "decision": decision
            }
        if agreement:
            return _now("De inwoner maakte bezwaar tegen afspraak “%(agreement)s” (via Mijn Routekaart)") % {
                "agreement": agreement
            }
        return _now("De inwoner maakte bezwaar (via Mijn Routekaart)")
    return None


def _gatekeeping(fields) -> str | None:
    outcome = _choice("GatekeepingOutcome", fields.get("outcome"))
    return _now("Poortwachter besliste: %(outcome)s") % {"outcome": outcome} if outcome else None


EVENT_SENTENCES = {
    "case.opened": _("Casus geopend"),
    "case.reopened": _("Casus heropend"),
    "case.joined": _("Signaal bij de open casus gevoegd"),
    "case.closed": (_("Casus afgesloten op {closed_on}"), _("Casus afgesloten")),
    "signal.received": (_signal, _("Signaal ontvangen")),
    "intake.recorded": (_("Intake gehouden op {held_on}"), _("Intake gehouden")),
    "gatekeeping.recorded": (_gatekeeping, _("Poortwachter besliste")),
    "assessment.started": _("Vraaggestuurd onderzoek begonnen"),
    "assessment.updated": _("Verslag van het vraaggestuurd onderzoek bijgewerkt"),
    "assessment.completed": _("Vraaggestuurd onderzoek afgerond"),
    "specialist_advice.requested": _("Specialistisch advies gevraagd voor het onderzoek"),
    "specialist_advice.received": _("Specialistisch advies ontvangen"),
    "plan.drafted": (
        _("Plan van aanpak versie {version} opgesteld (concept)"),
        _("Plan van aanpak opgesteld (concept)"),
    ),
    "plan.activated": (_("Plan van aanpak actief: versie {version} vastgesteld"), _("Plan van aanpak actief")),
    "agreement.added": (_("Afspraak toegevoegd aan het plan van aanpak, klaar op {due_on}"), _("Afspraak toegevoegd")),
    "agreement.status_changed": (_agreement_status, _("Status van een afspraak gewijzigd")),
    "decision.recorded": (_("Beschikking {provisions}"), _("Beschikking {name} genomen"), _("Beschikking genomen")),
    "provision.ended": (
        _("Voorziening {name} beëindigd per {ends_on}"),
        _("Voorziening beëindigd per {ends_on}"),
        _("Voorziening beëindigd"),
    ),
    "provision.changed": (
        _("Voorziening {name} gewijzigd: {volume}, tot en met {ends_on}"),
        _("Voorziening gewijzigd: {volume}, tot en met {ends_on}"),
        _("Voorziening gewijzigd"),
    ),
    "provision.granted": (
        _("Voorziening {name} alsnog toegekend na bezwaar"),
        _("Voorziening alsnog toegekend na bezwaar"),
    ),
    "coordinator.transferred": (_("Warme overdracht naar {name}"), _("Warme overdracht naar een nieuwe regisseur")),
    "process_coordinator.appointed": _("Procesregisseur aangewezen"),
    "review.recorded": (_("Evaluatie van het plan van aanpak versie {plan} gehouden"), _("Evaluatie gehouden")),
    "deadline.changed": (_("Termijn {name} gewijzigd, nu tot {due_on}"), _("Termijn gewijzigd")),
    "deadline.met": (_("Termijn {name} gehaald"), _("Termijn gehaald")),
    "resident_message.sent": (_resident_message, _("Bericht van de inwoner ontvangen (via Mijn Routekaart)")),
    "resident_message.answered": _("Vraag van de inwoner beantwoord"),
    "agreement.done_by_resident": (
        _("Afspraak “{name}” afgevinkt door de inwoner (via Mijn Routekaart)"),
        _("Afspraak afgevinkt door de inwoner (via Mijn Routekaart)"),
    ),
}

# The subjects the case page shows (their model names, as events name them).
CASE_PAGE_SUBJECTS = (
    "case",
    "signal",
    "intake",
    "gatekeeping",
    "assessment",
    "specialistadvice",
    "warmhandover",
    "deadline",
    "decision",
    "plan",
    "agreement",
    "review",
    "tailoredprovision",
)


def _case_page(access) -> str:
    """The case page of the household, for a viewer who may open it (it checks the same household access)."""
    return reverse("access:household", args=[access.household_id]) if access.user.has_perm("access.view_cases") else ""


def describe_on_the_case_page(ids, access) -> dict[str, Described]:
    """Subjects shown on the case page: linked there, no query."""
    url = _case_page(access)
    return {str(i): Described(url=url) for i in ids}


def _numbers(ids) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def describe_decisions(ids, access) -> dict[str, Described]:
    """Each decision's provisions with their outcome ("Hulp bij het huishouden toegekend"): one query per page."""
    from .models import ProvisionOutcome, TailoredProvision

    outcomes = dict(ProvisionOutcome.choices)
    said: dict[str, list[str]] = {}
    rows = TailoredProvision.objects.filter(decision_id__in=_numbers(ids), decision__household_id=access.household_id)
    for decision_id, name, outcome in rows.order_by("decision_id", "pk").values_list("decision_id", "name", "outcome"):
        said.setdefault(str(decision_id), []).append(f"{name} {str(outcomes.get(outcome, '')).lower()}".strip())
    url = _case_page(access)
    return {
        str(i): Described(
            url=url, facts={"provisions": _now(" en ").join(said.get(str(i), []))} if str(i) in said else {}
        )
        for i in ids
    }


def describe_provisions(ids, access) -> dict[str, Described]:
    """Each provision's name ("Begeleiding individueel"), for the sentences of its end or change: one query per
    page."""
    from .models import TailoredProvision

    rows = TailoredProvision.objects.filter(pk__in=_numbers(ids), decision__household_id=access.household_id)
    names = dict(rows.values_list("pk", "name"))
    url = _case_page(access)
    return {str(i): Described(name=names.get(int(i), "") if str(i).isdigit() else "", url=url) for i in ids}


def describe_deadlines(ids, access) -> dict[str, Described]:
    """Each deadline's name ("Beslistermijn Wmo"): one query per page."""
    from .models import Deadline

    rows = Deadline.objects.filter(pk__in=_numbers(ids), case__household_id=access.household_id)
    url = _case_page(access)
    names = dict(rows.values_list("pk", "name"))
    return {str(i): Described(name=names.get(int(i), "") if str(i).isdigit() else "", url=url) for i in ids}


def describe_handovers(ids, access) -> dict[str, Described]:
    """Who took over as coordinator in each warm handover: one query per page."""
    from .models import WarmHandover

    rows = WarmHandover.objects.filter(pk__in=_numbers(ids), case__household_id=access.household_id)
    url = _case_page(access)
    names = {
        pk: " ".join(p for p in (first, last) if p) or username
        for pk, first, last, username in rows.values_list(
            "pk", "to_user__first_name", "to_user__last_name", "to_user__username"
        )
    }
    return {str(i): Described(name=names.get(int(i), "") if str(i).isdigit() else "", url=url) for i in ids}


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def describe_agreements(ids, access) -> dict[str, Described]:
    """Each agreement's first words (for "Afspraak … afgevinkt door de inwoner"): one query per page."""
    from .models import Agreement

    rows = Agreement.objects.filter(pk__in=_numbers(ids), plan__household_id=access.household_id)
    texts = dict(rows.values_list("pk", "description"))
    url = _case_page(access)
    return {
        str(i): Described(name=_short(texts[int(i)]) if str(i).isdigit() and int(i) in texts else "", url=url)
        for i in ids
    }


def describe_resident_messages(ids, access) -> dict[str, Described]:
    """The first words of the agreement each message is about: one query per page; linked to the household page,
    where the coordinator answers."""
    from .models import ResidentMessage

    rows = ResidentMessage.objects.filter(pk__in=_numbers(ids), household_id=access.household_id)
    texts = dict(rows.filter(agreement__isnull=False).values_list("pk", "agreement__description"))
    url = reverse("residents:household_detail", args=[access.household_id]) if access.household_id else ""
    return {
        str(i): Described(
            url=url,
            facts={"agreement_text": _short(texts[int(i)])} if str(i).isdigit() and int(i) in texts else {},
        )
        for i in ids
    }


sentences_register(EVENT_SENTENCES)
kinds_register(
    {"case": (20, _("Toegang en casus")), "plan": (30, _("Plan van aanpak")), "decisions": (40, _("Beschikkingen"))}
)
action_kinds_register("case", EVENT_LABELS)
action_kinds_register("plan", ["plan.drafted", "plan.activated", "agreement.added", "agreement.status_changed"])
action_kinds_register("plan", ["review.recorded"])
action_kinds_register("decisions", ["decision.recorded", "provision.ended", "provision.changed", "provision.granted"])
action_kinds_register("plan", ["resident_message.sent", "resident_message.answered", "agreement.done_by_resident"])
describers_register(dict.fromkeys(CASE_PAGE_SUBJECTS, describe_on_the_case_page))
describers_register(
    {
        "decision": describe_decisions,
        "tailoredprovision": describe_provisions,
        "deadline": describe_deadlines,
        "warmhandover": describe_handovers,
        "agreement": describe_agreements,
        "residentmessage": describe_resident_messages,
    }
)
