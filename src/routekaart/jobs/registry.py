"""The background jobs: what each one does, as steps that call the owning app's service.

A job for a day is a list of steps, each with a key; the runner (services.job_run_execute) runs the steps in order,
each in its own transaction together with its checkpoint, and skips the steps already done for that job and day.
So a second run on the same day changes nothing, and a killed run continues at the step it had not finished.
A step returns counts (never personal data); the job turns them into its Dutch outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Counts = dict[str, int]


@dataclass(frozen=True)
class Step:
    key: str
    run: Callable[[], Counts]


@dataclass(frozen=True)
class Job:
    name: str
    label: str | Promise
    description: str | Promise
    steps: Callable[[date], list[Step]]
    outcome: Callable[[dict[str, Counts]], str]


# --- the regulations check (income) -------------------------------------------------------------------------------


def _entitlement_check_steps(on: date) -> list[Step]:
    def check() -> Counts:
        from ..income.batch import entitlement_check_run

        run = entitlement_check_run(on=on)
        return {"households": run.households, "found": run.found, "with_non_take_up": run.households_with_non_take_up}

    return [Step("check", check)]


def _entitlement_check_outcome(results: dict[str, Counts]) -> str:
    counts = results.get("check", {})
    return gettext("%(households)s huishoudens gecontroleerd; %(found)s keer niet-gebruik gevonden.") % {
        "households": counts.get("households", 0),
        "found": counts.get("found", 0),
    }


# --- the yearly conversations (income) ----------------------------------------------------------------------------


def _annual_reviews_plan_steps(on: date) -> list[Step]:
    def plan() -> Counts:
        from ..income.services import annual_reviews_plan

        report = annual_reviews_plan(year=on.year, start=on)
        return {"planned": report.planned, "coordinators": report.coordinators}

    return [Step(f"plan-{on.year}", plan)]


def _annual_reviews_plan_outcome(results: dict[str, Counts]) -> str:
    planned = sum(counts.get("planned", 0) for counts in results.values())
    return gettext("%(planned)s jaargesprekken gepland.") % {"planned": planned}


def _reminders_steps(on: date) -> list[Step]:
    def send() -> Counts:
        from ..income.services import annual_review_reminders_send

        return {"reviews": annual_review_reminders_send(on=on)}

    return [Step("send", send)]


def _reminders_outcome(results: dict[str, Counts]) -> str:
    return gettext("Herinneringen verstuurd voor %(reviews)s jaargesprekken.") % {
        "reviews": results.get("send", {}).get("reviews", 0)
    }


# --- retention (audit) --------------------------------------------------------------------------------------------


def _retention_steps(on: date) -> list[Step]:
    """Audit's retention run (the processing log's coming months, then every term's due records, each term in its
    own savepoint; running it again finds nothing due), then the queue's own finished tasks past QUEUE_KEEP (the
    runs keep the history), then the API's idempotency keys past their 24 hours (their answers may hold personal
    data)."""

    def apply() -> Counts:
        from ..audit.retention import retention_apply

        return dict(retention_apply(on))

    def queue() -> Counts:
        from .services import queue_results_prune

        return {"pruned": queue_results_prune(on=on)}

    def idempotency_keys() -> Counts:
        from ..core.idempotency import expired_keys_purge

        return {"purged": expired_keys_purge()}

    return [Step("apply", apply), Step("queue", queue), Step("idempotency_keys", idempotency_keys)]


def _retention_outcome(results: dict[str, Counts]) -> str:
    anonymised = sum(results.get("apply", {}).values())
    return gettext("%(count)s gegevens na de bewaartermijn geanonimiseerd.") % {"count": anonymised}


# --- the satisfaction surveys (legal) -------------------------------------------------------------------------------


def _surveys_steps(on: date) -> list[Step]:
    def send() -> Counts:
        from ..legal.services.surveys import surveys_send

        run = surveys_send(on=on)
        return {"sent": run.sent, "expired": run.expired}

    return [Step("send", send)]


def _surveys_outcome(results: dict[str, Counts]) -> str:
    counts = results.get("send", {})
    return gettext("%(sent)s vragenlijsten verstuurd, %(expired)s verlopen.") % {
        "sent": counts.get("sent", 0),
        "expired": counts.get("expired", 0),
    }


# --- klantbeheer (legal): the enforcement scan and the end of finished objections' access ------------------------


def _legal_daily_steps(on: date) -> list[Step]:
    def scan() -> Counts:
        from ..legal.services.enforcement_scan import enforcement_scan

        found = enforcement_scan(on=on)
        return {"income_report": found.income_report, "address": found.address}

    def close() -> Counts:
        from ..legal.services.appeals import objection_involvements_close

        return {"closed": objection_involvements_close(on=on)}

    return [Step("scan", scan), Step("close", close)]


def _legal_daily_outcome(results: dict[str, Counts]) -> str:
    scan = results.get("scan", {})
    return gettext(
        "%(signals)s nieuwe handhavingssignalen (%(income)s uit inkomstenopgaven, %(address)s uit adressen); "
        "%(closed)s afgehandelde bezwaren gesloten voor klantbeheer."
    ) % {
        "signals": scan.get("income_report", 0) + scan.get("address", 0),
        "income": scan.get("income_report", 0),
        "address": scan.get("address", 0),
        "closed": results.get("close", {}).get("closed", 0),
    }


# --- steering (insights): the nightly refresh of the precomputed figures, in full once a week -----------------------


def _insights_refresh_steps(on: date) -> list[Step]:
    def refresh() -> Counts:
        from ..insights.refresh import insights_refresh, scheduled_full

        runs = insights_refresh(full=scheduled_full(on), as_of=on)
        return {
            "rows": sum(run.rows for run in runs),
            "steps": len(runs),
            "skipped": sum(run.mode == "skipped" for run in runs),
            "full": int(any(run.mode == "full" for run in runs)),
        }

    return [Step("refresh", refresh)]


def _insights_refresh_outcome(results: dict[str, Counts]) -> str:
    counts = results.get("refresh", {})
    return gettext("%(rows)s sturingscijfers berekend in %(steps)s stappen; %(skipped)s stappen ongewijzigd.") % {
        "rows": counts.get("rows", 0),
        "steps": counts.get("steps", 0),
        "skipped": counts.get("skipped", 0),
    }


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job(
            "entitlement_check",
            _("Regelingencheck"),
            _(
                "Zoekt bij alle inwoners met bijstand naar regelingen waar zij recht op hebben maar die zij niet "
                "gebruiken."
            ),
            _entitlement_check_steps,
            _entitlement_check_outcome,
        ),
        Job(
            "annual_review_reminders",
            _("Herinneringen jaargesprekken"),
            _("Herinnert regiehouders en nodigt inwoners uit voor de jaargesprekken van de komende dagen."),
            _reminders_steps,
            _reminders_outcome,
        ),
        Job(
            "annual_reviews_plan",
            _("Jaarplanning jaargesprekken"),
            _("Plant het jaargesprek van dit jaar voor iedere inwoner met bijstand die er nog geen heeft."),
            _annual_reviews_plan_steps,
            _annual_reviews_plan_outcome,
        ),
        Job(
            "retention",
            _("Bewaartermijnen"),
            _("Anonimiseert de gegevens waarvan de bewaartermijn voorbij is."),
            _retention_steps,
            _retention_outcome,
        ),
        Job(
            "satisfaction_surveys",
            _("Tevredenheidsonderzoek"),
            _(
                "Stuurt een week na een beschikking of een afgesloten hulpvraag een korte vragenlijst en laat oude "
                "vragenlijsten verlopen."
            ),
            _surveys_steps,
            _surveys_outcome,
        ),
        Job(
            "klantbeheer_daily",
            _("Klantbeheer: signalen en afgehandelde bezwaren"),
            _(
                "Zoekt handhavingssignalen in inkomstenopgaven en adressen, en beëindigt de toegang van klantbeheer "
                "tot huishoudens waarvan het bezwaar is afgehandeld en de beroepstermijn voorbij is."
            ),
            _legal_daily_steps,
            _legal_daily_outcome,
        ),
        Job(
            "insights_refresh",
            _("Sturingscijfers verversen"),
            _(
                "Berekent de cijfers van sturing (stromen, caseload, wat werkt, kosten en baten, prognoses) opnieuw: "
                "elke nacht wat veranderde, op zondag alles."
            ),
            _insights_refresh_steps,
            _insights_refresh_outcome,
        ),
    )
}


def job_get(name: str) -> Job | None:
    return JOBS.get(name)
