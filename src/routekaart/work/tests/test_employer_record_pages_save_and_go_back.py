"""The pages that add a record to an employer's file (contact, contact person, branch, agreement) share one page:
each shows its own title with the employer's name, saves through its own service and goes back to the file."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from routekaart.work.models import ContactPerson

from .factories import EmployerFactory

pytestmark = [pytest.mark.django_db]


def test_each_record_page_names_its_action_and_the_employer(adviser_client):
    employer = EmployerFactory()
    for name, title in [
        ("work:contact_moment_create", "Contact vastleggen"),
        ("work:contact_person_create", "Contactpersoon toevoegen"),
        ("work:branch_create", "Vestiging toevoegen"),
        ("work:agreement_create", "Afspraak vastleggen"),
    ]:
        response = adviser_client.get(reverse(name, args=[employer.pk]))
        assert response.status_code == 200, name
        assert response.context["title"] == f"{title} — {employer.name}"
        assert response.context["back"] == reverse("work:employer_detail", args=[employer.pk])


def test_a_contact_person_is_saved_and_the_adviser_goes_back_to_the_file(adviser_client):
    employer = EmployerFactory()
    response = adviser_client.post(
        reverse("work:contact_person_create", args=[employer.pk]), {"name": "Jan Bakker", "job_title": "Chef-kok"}
    )
    assert response.status_code == 302
    assert response.url == reverse("work:employer_detail", args=[employer.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["De contactpersoon is toegevoegd."]
    assert ContactPerson.objects.filter(employer=employer, name="Jan Bakker", job_title="Chef-kok").exists()


def test_a_contact_person_without_a_name_is_shown_again_and_nothing_is_saved(adviser_client):
    employer = EmployerFactory()
    before = ContactPerson.objects.count()
    response = adviser_client.post(reverse("work:contact_person_create", args=[employer.pk]), {"name": ""})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert ContactPerson.objects.count() == before
