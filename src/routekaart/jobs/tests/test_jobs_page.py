"""Functioneel beheer's page of the background jobs: each job with its schedule, last and next run, and a
"Nu uitvoeren" button that queues one run (refused while one waits or runs); other roles get the Dutch 403."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from routekaart.audit.models import Event
from routekaart.jobs import services
from routekaart.jobs.models import JobRun
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

pytestmark = pytest.mark.django_db

FORBIDDEN = "U hebt geen toegang tot deze pagina."


@pytest.fixture
def admin(staff_client):
    return staff_client(Role.FUNCTIONAL_ADMIN)


@freeze_time("2026-03-02 10:00:00")
def test_the_page_lists_each_job_with_its_schedule_last_and_next_run(admin):
    client, _user = admin
    services.job_run_execute(run_id=services.job_run_request(actor=None, job="entitlement_check").pk)
    page = client.get(reverse("jobs:job_list"))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Regelingencheck", "Herinneringen jaargesprekken", "Jaarplanning jaargesprekken", "Bewaartermijnen"):
        assert label in html
    assert "Dagelijks om 02:00" in html and "Jaarlijks op 2-1 om 03:00" in html
    assert "3 maart 2026 02:00" in html  # the check's next run
    assert "1 van 1 stappen" in html and "0 huishoudens gecontroleerd" in html
    assert "Nog niet uitgevoerd" in html  # the other jobs
    assert html.count("Nu uitvoeren") >= 4


def test_the_home_page_and_the_navigation_lead_to_the_page(admin):
    client, _user = admin
    html = client.get(reverse("home")).content.decode()
    assert html.count(f'href="{reverse("jobs:job_list")}"') >= 2


@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.POLICY, Role.PRIVACY_OFFICER, Role.JOB_COACH, Role.PROVIDER, Role.RESIDENT]
)
def test_other_roles_may_neither_see_nor_start_the_jobs(staff_client, role):
    client, _user = staff_client(role)
    page = client.get(reverse("jobs:job_list"))
    assert page.status_code == 403 and FORBIDDEN in page.content.decode()
    before = database_fingerprint()
    refused = client.post(reverse("jobs:job_run", args=["entitlement_check"]))
    assert refused.status_code == 403 and FORBIDDEN in refused.content.decode()
    assert database_fingerprint() == before


def test_the_button_queues_one_run_with_one_event(admin):
    client, user = admin
    response = client.post(reverse("jobs:job_run", args=["retention"]), follow=True)
    assert "Bewaartermijnen staat in de wachtrij" in response.content.decode()
    run = JobRun.objects.get(job="retention")
    assert (run.status, run.trigger, run.requested_by, run.slot) == ("queued", "manual", user, None)
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__run_id=run.pk, status="READY").count() == 1
    assert list(Event.objects.filter(action="job_run.requested").values_list("actor", "subject_id")) == [
        (user.pk, str(run.pk))
    ]


def test_the_button_is_refused_while_the_job_waits_or_runs(admin):
    client, _user = admin
    client.post(reverse("jobs:job_run", args=["retention"]))
    JobRun.objects.filter(job="retention").update(status="running")
    before = database_fingerprint()
    response = client.post(reverse("jobs:job_run", args=["retention"]), follow=True)
    html = response.content.decode()
    assert "Deze taak loopt al (sinds" in html and "Wacht tot die klaar is en probeer het daarna opnieuw." in html
    assert database_fingerprint() == before
    assert "Deze taak loopt nu." in html


def test_an_unknown_job_is_not_found(admin):
    client, _user = admin
    assert client.post(reverse("jobs:job_run", args=["unknown"])).status_code == 404
