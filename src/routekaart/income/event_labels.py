"""The Dutch labels and sentences of bestaanszekerheid's events, their kind, and the pages of what they are about
(registered with audit.event_labels when IncomeConfig.ready imports this module)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import (
    Described,
    action_kinds_register,
    describers_register,
    kinds_register,
    sentences_register,
)

EVENT_LABELS = {
    "social_assistance.granted": _("Bijstand toegekend"),
    "social_assistance.ended": _("Bijstand beëindigd"),
    "social_assistance.coordinator_reassigned": _("Andere vaste regiehouder voor de bijstand"),
    "social_assistance.switched_to_work": _("Overstap van bijstand naar werk"),
    "cost_sharer_exclusion.recorded": _("Medebewoner telt niet mee als kostendeler"),
    "income_report.submitted": _("Inkomsten doorgegeven"),
    "income_report.corrected": _("Opgave van inkomsten gecorrigeerd"),
    "change_report.submitted": _("Wijziging doorgegeven"),
    "change_report.processed": _("Doorgegeven wijziging verwerkt"),
    "annual_review.planned": _("Jaarlijks gesprek gepland"),
    "annual_review.held": _("Jaarlijks gesprek gehouden"),
    "annual_reviews.planned": _("Jaarlijkse gesprekken ingepland"),
    "annual_reviews.reminded": _("Herinneringen voor de jaarlijkse gesprekken verstuurd"),
    "reminder.done": _("Herinnering afgehandeld"),
    "financial_fitness.recorded": _("Financieel-fitgesprek vastgelegd"),
    "household_situation.confirmed": _("Situatie van het huishouden bevestigd"),
    "regulation.application_started": _("Aanvraag voor een regeling gestart"),
    "regulation.granted": _("Regeling toegekend"),
    "regulation.refused": _("Regeling afgewezen"),
    "regulation.ended": _("Regeling beëindigd"),
    "regulation.loaded": _("Regeling geladen"),
    "regulation.changed": _("Regeling gewijzigd"),
    "norm_version.loaded": _("Normbedragen geladen"),
    "norm_version.replaced": _("Normbedragen vervangen"),
    "practice.loaded": _("Werkafspraken bestaanszekerheid geladen"),
    "entitlement_check.run": _("Regelingencheck uitgevoerd"),
    "demo_income.generated": _("Demogegevens bestaanszekerheid aangemaakt"),
}

# A change the resident reported, as a sentence names it ("Wijziging doorgegeven: samenwonen per 1 april 2026"): the
# kind's code (income.ChangeKind) is in the event, so the household page's timeline block says it without a query.
CHANGE_WORDS = {
    "cohabiting": _("samenwonen"),
    "abroad": _("naar het buitenland"),
    "address": _("ander adres"),
    "other": _("andere wijziging"),
}


def _by_resident(fields, sentence) -> str | None:
    """A report the resident made in the portal, over its month ("maart 2026"); else None (the next sentence)."""
    if fields.get("source") != "client" or "month" not in fields:
        return None
    return str(sentence).format(month=fields["month"].removeprefix("1 "))


def _change(sentence):
    """A sentence naming the change (from the kind's code) and its dates; None when one of them is not known."""

    def phrase(fields) -> str | None:
        word = CHANGE_WORDS.get(fields.get("kind", ""))
        return None if word is None else str(sentence).format_map({**fields, "change": word})

    return phrase


EVENT_SENTENCES = {
    "social_assistance.granted": (_("Bijstand toegekend per {started_on}"), _("Bijstand toegekend")),
    "social_assistance.ended": (_("Bijstand beëindigd per {ended_on}"), _("Bijstand beëindigd")),
    "social_assistance.coordinator_reassigned": _("Andere vaste regiehouder voor de bijstand"),
    "social_assistance.switched_to_work": (
        _("Overstap van bijstand naar werk, aan het werk per {work_start}"),
        _("Overstap van bijstand naar werk"),
    ),
    "cost_sharer_exclusion.recorded": _("Medebewoner telt niet mee als kostendeler voor de bijstand"),
    "income_report.submitted": (
        lambda fields: _by_resident(fields, _("Inkomsten over {month} doorgegeven door de inwoner (Mijn Routekaart)")),
        _("Inkomsten doorgegeven voor de bijstand"),
    ),
    "income_report.corrected": (
        lambda fields: _by_resident(
            fields, _("Inkomsten over {month} opnieuw doorgegeven door de inwoner (Mijn Routekaart)")
        ),
        _("Opgave van inkomsten voor de bijstand gecorrigeerd"),
    ),
    "change_report.submitted": (
        _change(_("Wijziging doorgegeven: {change} van {starts_on} tot en met {ends_on}")),
        _change(_("Wijziging doorgegeven: {change} per {starts_on}")),
        _("Wijziging doorgegeven voor de bijstand"),
    ),
    "change_report.processed": (
        _change(_("Doorgegeven wijziging verwerkt: {change} per {starts_on}")),
        _("Doorgegeven wijziging verwerkt"),
    ),
    "annual_review.planned": (_("Jaarlijks gesprek {year} gepland op {planned_on}"), _("Jaarlijks gesprek gepland")),
    "annual_review.held": (_("Jaarlijks gesprek {year} gehouden op {held_on}"), _("Jaarlijks gesprek gehouden")),
    "annual_reviews.planned": _("Jaarlijkse gesprekken ingepland"),
    "annual_reviews.reminded": _("Herinneringen voor de jaarlijkse gesprekken verstuurd"),
    "reminder.done": _("Herinnering bij de bijstand afgehandeld"),
    "financial_fitness.recorded": (
        _("Financieel-fitgesprek gehouden op {held_on}"),
        _("Financieel-fitgesprek vastgelegd"),
    ),
    "household_situation.confirmed": (
        _("Situatie van het huishouden in {year} bevestigd"),
        _("Situatie van het huishouden bevestigd"),
    ),
    "regulation.application_started": (_("Aanvraag voor {name} gestart"), _("Aanvraag voor een regeling gestart")),
    "regulation.granted": (_("{name} toegekend"), _("Regeling toegekend")),
    "regulation.refused": (_("{name} afgewezen"), _("Regeling afgewezen")),
    "regulation.ended": (_("{name} beëindigd"), _("Regeling beëindigd")),
    "regulation.loaded": _("Regeling geladen"),
    "regulation.changed": _("Regeling gewijzigd"),
    "norm_version.loaded": _("Normbedragen geladen"),
    "norm_version.replaced": _("Normbedragen vervangen"),
    "practice.loaded": _("Werkafspraken bestaanszekerheid geladen"),
    "entitlement_check.run": _("Regelingencheck uitgevoerd"),
    "demo_income.generated": _("Demogegevens bestaanszekerheid aangemaakt"),
}

# The subjects the client page of bestaanszekerheid shows (their model names, as events name them).
CLIENT_PAGE_SUBJECTS = (
    "socialassistance",
    "costsharerexclusion",
    "incomereport",
    "changereport",
    "annualreview",
    "financialfitnessreview",
    "householdsituation",
    "regulationuse",
    "reminder",
)


def _client_page(access) -> str:
    """The household's page at bestaanszekerheid, for a viewer its check lets in (Participatiewet domain)."""
    from ..organisations.roles import Domain
    from ..residents.timeline import access_as
    from .views import PURPOSE

    if not access.user.has_perm("income.view_clients"):
        return ""
    if not access_as(access, PURPOSE, Domain.PARTICIPATION).permits(Domain.PARTICIPATION):
        return ""
    return reverse("income:client_detail", args=[access.household_id])


def describe_on_the_client_page(ids, access) -> dict[str, Described]:
    url = _client_page(access)
    return {str(i): Described(url=url) for i in ids}


def describe_regulation_uses(ids, access) -> dict[str, Described]:
    """The regulation each use is of ("Individuele inkomenstoeslag"): one query per page."""
    from .models import RegulationUse

    numbers = [int(i) for i in ids if str(i).isdigit()]
    rows = RegulationUse.objects.filter(pk__in=numbers).values_list("pk", "regulation__name")
    url = _client_page(access)
    return {str(pk): Described(name=name, url=url) for pk, name in rows}


sentences_register(EVENT_SENTENCES)
kinds_register({"income": (80, _("Inkomen"))})
action_kinds_register("income", EVENT_LABELS)
describers_register(dict.fromkeys(CLIENT_PAGE_SUBJECTS, describe_on_the_client_page))
describers_register({"regulationuse": describe_regulation_uses})
