"""The household journal: notes and documents are shown by domain and visibility, never edited, uploads are checked on
their content and size and refused without a trace, and a download passes the access check and is logged."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from routekaart.audit.models import Event, ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.testing import database_fingerprint

from .. import journal_services
from ..access import household_access_check
from ..models import Document, InvolvementKind, Note, Visibility
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def store(demo_login, settings, tmp_path) -> Path:
    """Each test's own private document store (and demo accounts, which skip the second factor)."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def files_in(store: Path) -> list[Path]:
    return [p for p in store.rglob("*") if p.is_file()] if store.exists() else []


def staff(role: str, organisation, household=None, personal: bool = True):
    """A user with `role` at `organisation`, personally involved with `household` when given; and their client."""
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=organisation, role=role)
    if household is not None and personal:
        kind = InvolvementKind.COORDINATOR if role == Role.COORDINATOR else InvolvementKind.JOB_COACHING
        InvolvementFactory(household=household, organisation=organisation, user=user, kind=kind)
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def world():
    """Mother and son; a coordinator and a colleague of the same area team; a job coach of the Dienst."""
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1984, 2, 2))
    son = ResidentFactory(given_names="Daan", family_name="Oosterveld", birth_date=date(2012, 5, 5))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=date(2019, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=date(2019, 1, 1))
    team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    dienst = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    coordinator, coordinator_client = staff(Role.COORDINATOR, team, household)
    colleague, colleague_client = staff(Role.COORDINATOR, team, household, personal=False)
    InvolvementFactory(household=household, organisation=team, user=None, kind=InvolvementKind.TEAM_MEMBER)
    coach, coach_client = staff(Role.JOB_COACH, dienst, household)
    stranger, stranger_client = staff(Role.COORDINATOR, OrganisationFactory())
    return type(
        "World",
        (),
        {
            "household": household,
            "mother": mother,
            "son": son,
            "coordinator": (coordinator, coordinator_client),
            "colleague": (colleague, colleague_client),
            "coach": (coach, coach_client),
            "stranger": (stranger, stranger_client),
        },
    )


def access(user, household):
    return household_access_check(user=user, household_id=household.pk)


def journal(client, household):
    return client.get(reverse("residents:journal", args=[household.pk]))


def page(client, household):
    return client.get(reverse("residents:household_detail", args=[household.pk]))


def note(world, text: str, domain=Domain.GENERAL, visibility=Visibility.INVOLVED, resident=None, by=None) -> Note:
    user = by or world.coordinator[0]
    return journal_services.note_record(
        actor=user,
        access=access(user, world.household),
        text=text,
        domain=domain,
        visibility=visibility,
        resident=resident,
    )


def upload(world, content: bytes, name: str, domain=Domain.GENERAL, visibility=Visibility.INVOLVED, by=None):
    _user, client = by or world.coordinator
    data = {
        "resident": "",
        "domain": domain,
        "visibility": visibility,
        "title": "",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    return client.post(reverse("residents:document_upload", args=[world.household.pk]), data)


# --- notes: domain and visibility ---------------------------------------------------------------------------------


def test_a_note_recorded_through_the_page_is_shown_newest_first_in_the_journal_and_on_the_household_page(world):
    _, client = world.coordinator
    url = reverse("residents:note_create", args=[world.household.pk])
    assert client.get(url).status_code == 200
    for text in ("Eerste gesprek gevoerd.", "Afspraak met school gemaakt."):
        response = client.post(url, {"resident": "", "domain": Domain.GENERAL, "visibility": "involved", "text": text})
        assert response.status_code == 302
    shown = journal(client, world.household).text
    assert shown.index("Afspraak met school gemaakt.") < shown.index("Eerste gesprek gevoerd.")
    detail = page(client, world.household).text
    assert 'data-block="journal"' in detail
    assert "Afspraak met school gemaakt." in detail
    assert "Notitie vastleggen" in detail and "Document toevoegen" in detail


def test_a_wmo_note_is_seen_by_the_coordinator_and_hidden_from_the_job_coach(world):
    note(world, "Wmo: huishoudelijke hulp besproken.", domain=Domain.SUPPORT)
    note(world, "Algemeen: verhuizing gepland.", domain=Domain.GENERAL)
    coordinator_view = journal(world.coordinator[1], world.household).text
    coach_view = journal(world.coach[1], world.household).text
    assert "Wmo: huishoudelijke hulp besproken." in coordinator_view
    assert "Wmo: huishoudelijke hulp besproken." not in coach_view
    assert "Algemeen: verhuizing gepland." in coach_view
    assert "Wmo: huishoudelijke hulp besproken." not in page(world.coach[1], world.household).text


def test_a_working_note_of_the_author_is_hidden_from_a_colleague_of_the_same_team(world):
    note(world, "Werkaantekening: nagaan bij huisarts.", visibility=Visibility.AUTHOR)
    assert "Werkaantekening: nagaan bij huisarts." in journal(world.coordinator[1], world.household).text
    colleague_view = journal(world.colleague[1], world.household)
    assert colleague_view.status_code == 200
    assert "Werkaantekening: nagaan bij huisarts." not in colleague_view.text


def test_an_organisation_note_is_seen_by_a_colleague_and_hidden_from_another_organisation(world):
    note(world, "Intern: casusoverleg voorbereiden.", visibility=Visibility.ORGANISATION)
    assert "Intern: casusoverleg voorbereiden." in journal(world.colleague[1], world.household).text
    assert "Intern: casusoverleg voorbereiden." not in journal(world.coach[1], world.household).text


def test_the_journal_of_a_household_one_is_not_involved_with_is_refused_and_logged(world):
    note(world, "Algemeen: verhuizing gepland.")
    stranger, client = world.stranger
    response = journal(client, world.household)
    assert response.status_code == 403
    assert "verhuizing" not in response.text
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED).exists()


def test_reading_the_journal_is_logged_per_domain_with_the_persons_it_is_about(world):
    note(world, "Wmo: over moeder.", domain=Domain.SUPPORT, resident=world.mother)
    user, client = world.coordinator
    journal(client, world.household)
    read = ProcessingLogEntry.objects.get(actor=user, activity_id="social-support", operation="read")
    assert read.pseudonyms == [pseudonym(world.mother.bsn)]


def test_a_job_coach_may_not_write_a_wmo_note_and_nothing_changes(world):
    coach, client = world.coach
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        note(world, "Wmo-notitie.", domain=Domain.SUPPORT, by=coach)
    assert refused.value.message_dict["domain"] == [
        "U mag in dit domein niets over het hele huishouden vastleggen. Kies de persoon over wie het gaat."
    ]
    response = client.post(
        reverse("residents:note_create", args=[world.household.pk]),
        {"resident": "", "domain": Domain.SUPPORT, "visibility": "involved", "text": "Wmo-notitie."},
    )
    assert response.status_code == 400
    assert database_fingerprint() == before


def test_a_resident_outside_the_household_is_refused(world):
    stranger = ResidentFactory()
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        note(world, "Over een ander.", resident=stranger)
    assert refused.value.message_dict["resident"] == ["Kies een lid van dit huishouden, of het hele huishouden."]
    assert database_fingerprint() == before


def test_a_note_is_never_edited_a_correction_is_a_new_note_that_refers_to_it(world):
    original = note(world, "Gesprek op dinsdag.")
    original.text = "Gesprek op woensdag."
    with pytest.raises(PermissionError):
        original.save()
    with pytest.raises(PermissionError):
        Note.objects.filter(pk=original.pk).update(text="Gesprek op woensdag.")
    _, client = world.coordinator
    url = reverse("residents:note_create", args=[world.household.pk]) + f"?corrigeert={original.pk}"
    assert "Gesprek op dinsdag." in client.get(url).text
    response = client.post(
        url,
        {
            "resident": "",
            "domain": Domain.GENERAL,
            "visibility": "involved",
            "text": "Correctie: het gesprek was op woensdag.",
            "corrects": original.pk,
        },
    )
    assert response.status_code == 302
    correction = Note.objects.get(corrects=original)
    assert Note.objects.get(pk=original.pk).text == "Gesprek op dinsdag."
    shown = journal(client, world.household).text
    assert "Deze notitie is later gecorrigeerd." in shown
    assert correction.text in shown


def test_a_note_event_holds_ids_and_the_domain_never_the_text(world):
    recorded = note(world, "Zorgen over schulden van Marieke.", domain=Domain.SUPPORT, resident=world.mother)
    event = Event.objects.get(action="note.recorded")
    assert event.subject_id == str(recorded.pk)
    assert event.after["domain"] == Domain.SUPPORT
    assert "schulden" not in str(event.after) and "Marieke" not in str(event.after)


# --- documents: kind and size ---------------------------------------------------------------------------------------


def test_a_pdf_is_stored_privately_under_a_random_name_with_its_hash(world, store):
    response = upload(world, PDF, "Brief van Oosterveld.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.original_name == "Brief van Oosterveld.pdf"
    stored = files_in(store)
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    assert "Oosterveld" not in str(stored[0]) and world.mother.bsn not in str(stored[0])
    assert stored[0].stat().st_mode & 0o077 == 0  # readable by the app's user only
    event = Event.objects.get(action="document.uploaded")
    assert "Oosterveld" not in str(event.after) and ".pdf" not in str(event.after)


@pytest.mark.parametrize("extra, accepted", [(-1, True), (0, True), (1, False)])
def test_the_size_limit_of_the_rules_data_holds_to_the_byte(world, store, extra, accepted):
    limit = journal_services.document_rules().max_bytes
    content = b"a" * (limit + extra)
    before = database_fingerprint()
    response = upload(world, content, "verslag.txt")
    if accepted:
        assert response.status_code == 302
        assert Document.objects.get().size == limit + extra
        assert len(files_in(store)) == 1
    else:
        assert response.status_code == 400
        assert (
            "Het bestand is groter dan 10 MB. Kies een kleiner bestand, of maak een scan in een lagere resolutie."
            in response.text
        )
        assert database_fingerprint() == before
        assert files_in(store) == []


def test_an_exe_renamed_pdf_is_refused_on_its_content_and_nothing_is_kept(world, store):
    before = database_fingerprint()
    response = upload(world, EXE, "factuur.pdf")
    assert response.status_code == 400
    assert "Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn: PDF, JPEG, PNG, DOCX, ODT en tekst." in (
        response.text
    )
    assert database_fingerprint() == before
    assert files_in(store) == []


def test_a_png_named_pdf_is_refused_with_the_extension_it_should_have(world, store):
    before = database_fingerprint()
    response = upload(world, PNG, "scan.pdf")
    assert response.status_code == 400
    assert "het is een PNG-bestand. Geef het de extensie .png." in response.text
    assert database_fingerprint() == before
    assert files_in(store) == []


def test_a_failure_after_the_file_was_written_leaves_no_file(world, store, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("event store down")

    user = world.coordinator[0]
    monkeypatch.setattr(journal_services.audit, "action_record", broken)
    before = database_fingerprint()
    with pytest.raises(RuntimeError):
        journal_services.document_upload(
            actor=user,
            access=access(user, world.household),
            upload=SimpleUploadedFile("brief.pdf", PDF),
            title="",
            domain=Domain.GENERAL,
            visibility=Visibility.INVOLVED,
        )
    assert database_fingerprint() == before
    assert files_in(store) == []


@pytest.mark.parametrize(
    "given, safe",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\marieke\\Brief.PDF", "Brief.pdf"),
        ("rapport\u202egpj.exe.pdf", "rapportgpj.exe.pdf"),
        ('a"b;c<d>.pdf', "a_b_c_d_.pdf"),
        ("...", "document"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_a_file_name_is_sanitised(given, safe):
    assert journal_services.filename_sanitise(given) == safe


# --- download: only through the access check, and logged ------------------------------------------------------------


def download(client, document):
    return client.get(reverse("residents:document_download", args=[document.household_id, document.pk]))


def test_a_download_with_access_is_an_attachment_not_sniffed_and_logged(world):
    upload(world, PDF, "Brief van Oosterveld.pdf", domain=Domain.SUPPORT)
    document = Document.objects.get()
    user, client = world.coordinator
    response = download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Brief van Oosterveld.pdf"'
    logged = ProcessingLogEntry.objects.filter(actor=user, activity_id="social-support", result=Result.OK)
    assert logged.exists()


def test_a_download_without_access_to_the_domain_is_refused_and_logged(world):
    upload(world, PDF, "wmo.pdf", domain=Domain.SUPPORT)
    document = Document.objects.get()
    coach, client = world.coach
    response = download(client, document)
    assert response.status_code == 403
    assert PDF not in response.content
    refused = ProcessingLogEntry.objects.get(actor=coach, result=Result.DENIED)
    assert f"document {document.pk}" in refused.reason


def test_a_download_of_a_working_document_by_a_colleague_is_refused_and_logged(world):
    upload(world, PDF, "eigen.pdf", visibility=Visibility.AUTHOR)
    document = Document.objects.get()
    colleague, client = world.colleague
    assert download(client, document).status_code == 403
    assert ProcessingLogEntry.objects.filter(actor=colleague, result=Result.DENIED).exists()


def test_a_download_by_someone_not_involved_is_refused_and_logged(world):
    upload(world, PDF, "brief.pdf")
    document = Document.objects.get()
    stranger, client = world.stranger
    assert download(client, document).status_code == 403
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED).exists()


def test_a_document_of_another_household_is_not_found_through_this_one(world):
    upload(world, PDF, "brief.pdf")
    document = Document.objects.get()
    other = HouseholdFactory()
    _, client = world.coordinator
    InvolvementFactory(household=other, organisation=world.coordinator[0].affiliations.get().organisation)
    response = client.get(reverse("residents:document_download", args=[other.pk, document.pk]))
    assert response.status_code == 404
