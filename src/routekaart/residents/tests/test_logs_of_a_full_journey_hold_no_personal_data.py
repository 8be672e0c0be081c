"""A full journey through pages and API, with every logger turned up: no BSN-shaped number and no known personal
value may appear in the application logs or on the console."""

import logging
import re

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role

from ..validators import bsn_is_valid
from .factories import bsn_for

pytestmark = [pytest.mark.django_db]

NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
NON_PROPAGATING = ("django.request", "axes")


@pytest.fixture
def every_log(caplog):
    caplog.set_level(logging.DEBUG)
    for name in NON_PROPAGATING:
        logger = logging.getLogger(name)
        logger.addHandler(caplog.handler)
    yield caplog
    for name in NON_PROPAGATING:
        logging.getLogger(name).removeHandler(caplog.handler)


def test_a_full_journey_writes_no_personal_data_to_the_logs(staff_client, client, every_log, capfd):
    bsn, partner_bsn = bsn_for(4242), bsn_for(4343)
    personal = [
        bsn,
        partner_bsn,
        "Wilhelmina",
        "Bosschaert",
        "Evertje",
        "0687654321",
        "wilhelmina@example.nl",
        "1983-04-05",
    ]

    coordinator_client, coordinator = staff_client(Role.COORDINATOR)
    team = coordinator.affiliations.get().organisation
    post = coordinator_client.post

    # A refused registration first (bad BSN), then the real ones.
    post("/api/v1/residents/", {"bsn": "123456789", "given_names": "Wilhelmina"}, content_type="application/json")
    mother = post(
        "/api/v1/residents/",
        {
            "bsn": bsn,
            "given_names": "Wilhelmina",
            "family_name": "Bosschaert",
            "birth_date": "1983-04-05",
            "phone": "0687654321",
            "email": "wilhelmina@example.nl",
        },
        content_type="application/json",
    ).json()
    partner = post(
        "/api/v1/residents/",
        {"bsn": partner_bsn, "given_names": "Evertje", "family_name": "Bosschaert", "birth_date": "1980-01-01"},
        content_type="application/json",
    ).json()
    post(
        "/api/v1/residents/",
        {"bsn": bsn, "given_names": "X", "family_name": "Y", "birth_date": "1990-01-01"},
        content_type="application/json",
    )
    household = post(
        "/api/v1/households/",
        {
            "members": [{"resident": mother["id"], "role": "head"}],
            "valid_from": "2024-01-01",
            "organisation": team.code,
        },
        content_type="application/json",
    ).json()
    hid = household["id"]
    post(
        f"/api/v1/households/{hid}/memberships/",
        {"resident": partner["id"], "valid_from": "2024-02-01"},
        content_type="application/json",
    )
    post(
        f"/api/v1/households/{hid}/memberships/",
        {"resident": partner["id"], "valid_from": "2024-03-01"},
        content_type="application/json",
    )
    coordinator_client.get(reverse("home"))
    coordinator_client.get(reverse("residents:household_list"))
    coordinator_client.get(reverse("residents:household_detail", args=[hid]))
    coordinator_client.get(f"/api/v1/households/{hid}/")
    coordinator_client.get(f"/api/v1/residents/{mother['id']}/")
    coordinator_client.get(f"/api/v1/households/{hid}/composition/", {"on": "2024-02-15"})
    consent_url = reverse("residents:consent_create", args=[hid])
    post(consent_url, {"resident": mother["id"], "organisation": team.code, "domain": "J", "scope": ""})
    post(consent_url, {"resident": mother["id"], "organisation": team.code, "domain": "J", "scope": "Afstemming"})

    outsider_client, _ = staff_client(Role.JOB_COACH)
    outsider_client.get(reverse("residents:household_detail", args=[hid]))
    outsider_client.get(f"/api/v1/residents/{mother['id']}/")
    glass = reverse("residents:break_glass", args=[hid])
    outsider_client.post(glass, {"reason": "kort"})
    outsider_client.post(glass, {"reason": "Acute zorgen gemeld door de huisarts, regisseur afwezig"})
    outsider_client.get(reverse("residents:household_detail", args=[hid]))

    officer_client, _ = staff_client(Role.PRIVACY_OFFICER)
    officer_client.post(reverse("audit:processing_log"), {"bsn": bsn}, follow=True)
    officer_client.get(reverse("audit:break_glass_report"))

    out, err = capfd.readouterr()
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r} {getattr(r, 'request', '')!s}" for r in every_log.records)
    assert every_log.records, "the journey should have logged something (403s and 400s at least)"
    for text, where in ((logged, "application log"), (out + err, "console")):
        for value in personal:
            assert value not in text, f"{value!r} in the {where}"
        shaped = [n for n in NINE_DIGITS.findall(text) if bsn_is_valid(n)]
        assert not shaped, f"BSN-shaped numbers in the {where}: {shaped}"
