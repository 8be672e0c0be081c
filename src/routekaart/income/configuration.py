"""Load the income app's versioned data files (norms, regulations, working practice); idempotent.

Every file goes through core's loader contract (`version` and `effective_from` at the top): a file is applied
once per version, loading the same file twice changes nothing, and a changed file under a loaded version is refused
before anything is written. Everything a file says is checked, and each file is one transaction. A new file version
that corrects a norm period (provisional figures replaced by published ones) is an event with the figures' hash
before, so the history of the figures is on record.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from ..audit import services as audit
from ..audit.configuration import data_file_load
from ..core.configuration import ConfigurationError, data_file_of
from .conditions import ConditionError, condition_validate
from .models import NormVersion, PracticeConfiguration, Regulation

DATA = Path(__file__).resolve().parent / "data"
SINGLE_SHARE = Decimal("0.70")
SINGLE_TOLERANCE = Decimal("0.02")  # published single norms are rounded separately from the couple norm


class IncomeDataError(ConfigurationError):
    """A data file that cannot be loaded; the message names the file, the entry and what to fix."""


def _hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _read(name: str) -> dict:
    path = DATA / name
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise IncomeDataError(f"{name}: geen geldige YAML ({error})") from error
    if not isinstance(document, dict) or not document.get("version"):
        raise IncomeDataError(f"{name}: het bestand heeft een 'version'")
    return document


def _amount(value: Any, where: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError) as error:
        raise IncomeDataError(f"{where}: {value!r} is geen bedrag") from error
    if amount < 0:
        raise IncomeDataError(f"{where}: een bedrag is niet negatief")
    return amount


# --- Norms -----------------------------------------------------------------------------------------------------


def _norm_fields(row: dict, where: str) -> dict:
    try:
        norms, sharer, disregard = row["norms"], row["cost_sharer"], row["earnings_disregard"]
        fields = {
            "effective_from": row["effective_from"],
            "source": str(row["source"]).strip(),
            "provisional": bool(row.get("provisional", False)),
            "note": str(row.get("note", "")).strip(),
            "couple": _amount(norms["couple"], f"{where}.norms.couple"),
            "single": _amount(norms["single"], f"{where}.norms.single"),
            "single_parent": _amount(norms["single_parent"], f"{where}.norms.single_parent"),
            "cost_sharer_base": _amount(sharer["base"], f"{where}.cost_sharer.base"),
            "cost_sharer_per_person": _amount(sharer["per_person"], f"{where}.cost_sharer.per_person"),
            "cost_sharer_min_age": int(sharer["min_age"]),
            "disregard_rate": _amount(disregard["rate"], f"{where}.earnings_disregard.rate"),
            "disregard_months": int(disregard["months"]),
            "disregard_cap": _amount(disregard["monthly_cap"], f"{where}.earnings_disregard.monthly_cap"),
            "disregard_min_age": int(disregard["min_age"]),
        }
    except KeyError as error:
        raise IncomeDataError(f"{where}: {error.args[0]!r} ontbreekt") from error
    if not isinstance(fields["effective_from"], date):
        raise IncomeDataError(f"{where}: effective_from is een datum (JJJJ-MM-DD)")
    if not fields["source"]:
        raise IncomeDataError(f"{where}: elke versie noemt haar bron")
    if abs(fields["single"] - fields["couple"] * SINGLE_SHARE) > SINGLE_TOLERANCE:
        raise IncomeDataError(f"{where}: de norm voor een alleenstaande is 70% van de gehuwdennorm")
    # With A = 1 the cost-sharer formula must give the single norm's share (40% + 30% = 70%).
    if fields["cost_sharer_base"] + fields["cost_sharer_per_person"] != SINGLE_SHARE:
        raise IncomeDataError(f"{where}: basis + per persoon van de kostendelersnorm is 70%")
    if not (0 < fields["disregard_rate"] < 1) or fields["disregard_months"] < 1:
        raise IncomeDataError(f"{where}: de inkomstenvrijlating is een deel tussen 0 en 1, voor ten minste één maand")
    return fields


def _through_contract(name: str, apply) -> str:
    """Read `name`, and apply it through the loader contract; the summary says when the version was loaded."""
    document = _read(name)
    data = data_file_of(DATA / name, document, f"income/{Path(name).stem}")
    summary = []
    if not data_file_load(data, lambda data: summary.append(apply(data.content))):
        return f"{name} versie {data.version} (ongewijzigd)"
    return summary[0]


@transaction.atomic
def norms_load() -> str:
    return _through_contract("norms.yaml", _norms_apply)


def _norms_apply(document: dict) -> str:
    version = str(document["version"])
    rows = document.get("versions") or []
    checked = [_norm_fields(row, f"norms.yaml versions[{i}]") for i, row in enumerate(rows)]
    dates = [f["effective_from"] for f in checked]
    if len(set(dates)) != len(dates):
        raise IncomeDataError("norms.yaml: twee versies met dezelfde effective_from")
    added = replaced = 0
    existing = {v.effective_from: v for v in NormVersion.objects.all()}
    for fields in checked:
        content = _hash(fields)
        current = existing.get(fields["effective_from"])
        if current is not None and current.content_hash == content:
            continue
        if current is not None and current.file_version == version:
            raise IncomeDataError(
                f"norms.yaml: de bedragen per {fields['effective_from']} zijn gewijzigd onder versie {version}; "
                "verhoog 'version'"
            )
        before = None if current is None else {"file_version": current.file_version, "hash": current.content_hash}
        norm, created = NormVersion.objects.update_or_create(
            effective_from=fields["effective_from"],
            defaults={**fields, "file_version": version, "content_hash": content},
        )
        added += created
        replaced += not created
        audit.action_record(
            actor=None,
            action="norm_version.loaded" if created else "norm_version.replaced",
            subject=("norm_version", norm.pk),
            before=before,
            after={"effective_from": norm.effective_from, "file_version": version, "provisional": norm.provisional},
        )
    return f"{len(checked)} normversies ({added} nieuw, {replaced} vervangen), versie {version}"


# --- Regulations -----------------------------------------------------------------------------------------------


@transaction.atomic
def regulations_load() -> str:
    return _through_contract("regulations.yaml", _regulations_apply)


def _regulations_apply(document: dict) -> str:
    version = str(document["version"])
    rows = document.get("regulations") or []
    checked = []
    for i, row in enumerate(rows):
        where = f"regulations.yaml regulations[{i}]"
        try:
            fields = {
                "code": str(row["code"]),
                "name": str(row["name"]),
                "description": str(row["description"]).strip(),
                "legal_basis": str(row["legal_basis"]),
                "building_block": str(row.get("building_block", "")),
                "conditions": row["conditions"],
                "order": i + 1,
                "effective_from": row["effective_from"],
                "effective_to": row.get("effective_to"),
            }
        except KeyError as error:
            raise IncomeDataError(f"{where}: {error.args[0]!r} ontbreekt") from error
        try:
            condition_validate(fields["conditions"], where=f"{where}.conditions")
        except ConditionError as error:
            raise IncomeDataError(str(error)) from error
        checked.append(fields)
    codes = [f["code"] for f in checked]
    if len(set(codes)) != len(codes):
        raise IncomeDataError("regulations.yaml: twee regelingen met dezelfde code")
    existing = {r.code: r for r in Regulation.objects.all()}
    added = changed = 0
    for fields in checked:
        content = _hash(fields)
        current = existing.get(fields["code"])
        if current is not None and current.content_hash == content:
            continue
        if current is not None and current.file_version == version:
            raise IncomeDataError(
                f"regulations.yaml: regeling {fields['code']} is gewijzigd onder versie {version}; verhoog 'version'"
            )
        regulation, created = Regulation.objects.update_or_create(
            code=fields["code"], defaults={**fields, "file_version": version, "content_hash": content}
        )
        added += created
        changed += not created
        audit.action_record(
            actor=None,
            action="regulation.loaded" if created else "regulation.changed",
            subject=("regulation", regulation.code),
            before=None if current is None else {"file_version": current.file_version},
            after={"file_version": version, "effective_from": regulation.effective_from},
        )
    return f"{len(checked)} regelingen ({added} nieuw, {changed} gewijzigd), versie {version}"


# --- Working practice ------------------------------------------------------------------------------------------


def _practice_check(document: dict) -> None:
    try:
        review = document["annual_review"]
        int(review["interval_days"])
        int(review["reminder_days_before"])
        weekdays = [int(d) for d in review["working_weekdays"]]
        if not weekdays or any(d not in range(7) for d in weekdays):
            raise IncomeDataError("practice.yaml: working_weekdays zijn getallen 0 (maandag) tot 6 (zondag)")
        for fixed in review["holidays"]["fixed"]:
            month, day = (int(part) for part in str(fixed).split("-"))
            date(2024, month, day)
        codes = [c["code"] for c in document["life_changes"]]
        if len(set(codes)) != len(codes):
            raise IncomeDataError("practice.yaml: twee levensveranderingen met dezelfde code")
        document["financial_fitness"]["debt_referral_building_block"]
        switch = document["benefit_to_work_switch"]
        _amount(switch["instalment_max"], "practice.yaml benefit_to_work_switch.instalment_max")
        int(switch["first_payslip_check_days"])
        bool(switch["settle_bridging_earnings"])
        if document["surplus_settlement"]["advance_basis"] != "previous_month":
            raise IncomeDataError("practice.yaml: surplus_settlement.advance_basis kent alleen previous_month")
    except (KeyError, TypeError, ValueError) as error:
        raise IncomeDataError(f"practice.yaml: onvolledig of ongeldig ({error})") from error


@transaction.atomic
def practice_load() -> str:
    return _through_contract("practice.yaml", _practice_apply)


def _practice_apply(document: dict) -> str:
    version = str(document["version"])
    _practice_check(document)
    # The file's effective date is in its loaded version; the stored practice is the rules (as before the contract).
    rules = {key: value for key, value in document.items() if key != "effective_from"}
    stored = json.loads(json.dumps(rules, default=str))
    content = _hash(stored)
    current = PracticeConfiguration.objects.filter(version=version).first()
    if current is not None:
        if current.content_hash != content:
            raise IncomeDataError(f"practice.yaml: gewijzigd onder versie {version}; verhoog 'version'")
        return f"werkafspraken versie {version} (ongewijzigd)"
    practice = PracticeConfiguration.objects.create(version=version, document=stored, content_hash=content)
    audit.action_record(
        actor=None,
        action="practice.loaded",
        subject=("practice", practice.pk),
        after={"version": version},
    )
    return f"werkafspraken versie {version} (nieuw)"


def income_configuration_load() -> str:
    """The one loader registered in settings.ROUTEKAART_CONFIGURATION_LOADERS."""
    return "; ".join([norms_load(), regulations_load(), practice_load()])
