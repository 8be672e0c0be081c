"""The ranking advises; the adviser decides: excludes with a reason, adds someone the ranking left out, and
proposes whom they choose. The proposal keeps what the ranking said."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from routekaart.work import selectors, services
from routekaart.work.models import MatchDecisionKind

from .factories import VacancyFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def field(work_configuration, make_candidate, settings):
    vacancy = VacancyFactory(hours_min=20, hours_max=24)
    near = make_candidate(given_names="Dichtbij", hours_min=20, hours_max=24)
    middle = make_candidate(given_names="Midden", hours_min=28, hours_max=32)
    far = make_candidate(given_names="Ver", hours_min=36, hours_max=40, pc4="1441")
    return vacancy, near, middle, far


def test_the_ranking_puts_the_best_fit_first(field, adviser):
    vacancy, near, middle, far = field
    ranking = selectors.ranking_get(user=adviser, opening=vacancy)
    assert [row.profile for row in ranking.candidates] == [near, middle, far]
    assert [row.rank for row in ranking.candidates] == [1, 2, 3]
    assert ranking.candidates[0].total > ranking.candidates[1].total > ranking.candidates[2].total


def test_an_excluded_candidate_leaves_the_list_and_is_shown_apart_with_the_reason(field, adviser):
    vacancy, near, middle, far = field
    with pytest.raises(ValidationError) as refused:
        services.match_decision_record(
            actor=adviser, opening=vacancy, profile=near, kind=MatchDecisionKind.EXCLUDE, reason="nee"
        )
    assert refused.value.message_dict == {"reason": ["Schrijf in ten minste 10 tekens waarom."]}
    decision = services.match_decision_record(
        actor=adviser,
        opening=vacancy,
        profile=near,
        kind=MatchDecisionKind.EXCLUDE,
        reason="Werkte hier eerder, past niet bij dit team",
    )
    ranking = selectors.ranking_get(user=adviser, opening=vacancy)
    assert [row.profile for row in ranking.candidates] == [middle, far]
    assert [row.profile for row in ranking.excluded] == [near]
    assert ranking.excluded[0].decision.reason == "Werkte hier eerder, past niet bij dit team"
    with pytest.raises(ValidationError):
        services.placement_propose(actor=adviser, opening=vacancy, profile=near)

    services.match_decision_lift(actor=adviser, decision=decision)
    assert [row.profile for row in selectors.ranking_get(user=adviser, opening=vacancy).candidates] == [
        near,
        middle,
        far,
    ]


def test_the_adviser_may_propose_someone_below_the_top_and_the_proposal_says_so(field, adviser, settings):
    vacancy, near, _middle, far = field
    from routekaart.work.models import WorkRules

    rules = WorkRules.objects.get()
    rules.content["matching"]["top"] = 2
    rules.save()
    ranking = selectors.ranking_get(user=adviser, opening=vacancy)
    assert far not in [row.profile for row in ranking.candidates]
    services.match_decision_record(
        actor=adviser,
        opening=vacancy,
        profile=far,
        kind=MatchDecisionKind.INCLUDE,
        reason="Sterke motivatie in het kennismakingsgesprek",
    )
    ranking = selectors.ranking_get(user=adviser, opening=vacancy)
    assert [row.profile for row in ranking.included] == [far]
    assert ranking.included[0].lines  # explained like everyone else

    placement = services.placement_propose(actor=adviser, opening=vacancy, profile=far, note="Gesproken op 3 maart")
    assert placement.rank_at_proposal == 3
    assert placement.by_override is True
    assert placement.score_at_proposal == ranking.included[0].total

    top = services.placement_propose(actor=adviser, opening=vacancy, profile=near)
    assert (top.rank_at_proposal, top.by_override) == (1, False)


def test_the_page_lets_the_adviser_exclude_and_add_by_number(field, adviser_client):
    vacancy, near, _middle, _far = field
    url = reverse("work:decision_create", args=["vacature", vacancy.pk, near.pk])
    assert adviser_client.get(url).status_code == 200
    response = adviser_client.post(url, {"kind": "exclude", "reason": "Geen vervoer naar deze locatie"})
    assert response.status_code == 302
    page = adviser_client.get(reverse("work:ranking", args=["vacature", vacancy.pk]))
    assert "Door u uitgesloten" in page.text and "Geen vervoer naar deze locatie" in page.text

    add = adviser_client.post(
        reverse("work:include_by_number", args=["vacature", vacancy.pk]),
        {"profile": 999999, "reason": "Bekend van de banenmarkt"},
        follow=True,
    )
    assert "Er is geen werkprofiel met dit nummer." in add.text
