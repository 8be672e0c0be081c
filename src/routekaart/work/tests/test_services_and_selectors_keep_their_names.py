"""The work services and selectors are packages per aggregate; every caller keeps `work.services.<name>` and
`work.selectors.<name>`, the selectors import no services (no cycle), and the look-ups that moved out of the
services answer as they did there."""

import ast
import datetime
import re
from pathlib import Path

import pytest

from routekaart.work import selectors, services
from routekaart.work.models import MatchDecision, MatchDecisionKind

from .factories import ArrangementFactory, CandidateProfileFactory, VacancyFactory, sector

APP = Path(services.__file__).resolve().parent.parent
PACKAGES = (APP / "services", APP / "selectors")
THIS = Path(__file__).name


def names_callers_use() -> dict[str, set[str]]:
    """Every `services.x` and `selectors.x` in the app's modules outside the two packages (views, API, demo, tests)."""
    used: dict[str, set[str]] = {"services": set(), "selectors": set()}
    for path in APP.rglob("*.py"):
        if any(package in path.parents for package in PACKAGES) or "migrations" in path.parts or path.name == THIS:
            continue
        for package, name in re.findall(r"\b(services|selectors)\.([A-Za-z_][A-Za-z0-9_]*)\b", path.read_text()):
            used[package].add(name)
    return used


def test_every_name_callers_use_is_still_on_the_packages():
    used = names_callers_use()
    assert "placement_propose" in used["services"] and "ranking_get" in used["selectors"]  # the scan finds them
    assert sorted(n for n in used["services"] if not hasattr(services, n)) == []
    assert sorted(n for n in used["selectors"] if not hasattr(selectors, n)) == []
    for package in (services, selectors):
        assert all(hasattr(package, name) for name in package.__all__)


def test_the_selectors_import_no_services_of_their_own_app():
    for path in (APP / "selectors").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert (node.module or "") != "services" and all(a.name != "services" for a in node.names), path.name


@pytest.mark.django_db
@pytest.mark.parametrize("opening_factory", [VacancyFactory, ArrangementFactory])
def test_the_open_match_decision_is_the_one_not_lifted_for_that_opening(opening_factory, adviser):
    opening, other = opening_factory(), opening_factory()
    profile = CandidateProfileFactory()
    key = "vacancy" if opening_factory is VacancyFactory else "arrangement"

    def decide(on, lifted=None):
        return MatchDecision.objects.create(
            profile=profile,
            kind=MatchDecisionKind.EXCLUDE,
            reason="Past niet bij dit team",
            decided_by=adviser,
            lifted_at=lifted,
            **{key: on},
        )

    assert selectors.match_decision_open(opening=opening, profile=profile) is None
    decide(opening, lifted=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    decide(other)
    assert selectors.match_decision_open(opening=opening, profile=profile) is None
    decision = decide(opening)
    assert selectors.match_decision_open(opening=opening, profile=profile) == decision
    assert selectors.match_decision_open(opening=opening, profile=CandidateProfileFactory()) is None


@pytest.mark.django_db
def test_a_new_employer_joins_the_region_of_the_adviser_who_registers_it(work_configuration, adviser, dienst):
    assert dienst.region_id is not None
    employer = services.employer_register(
        actor=adviser, name="Groen en Schoon BV", kvk_number="12345678", sector=sector("green")
    )
    assert employer.organisation.region == dienst.region
    assert selectors.user_region(user=None) is None
