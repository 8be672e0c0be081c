"""Employers and their file: registration (with the organisation in the network), branches, contact persons,
contact moments and agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ...organisations import services as organisation_services
from ...organisations.models import OrganisationKind
from ...residents.validators import postcode_normalise
from .. import selectors
from ..models import (
    AgreementKind,
    Branch,
    ContactMoment,
    ContactOutcome,
    ContactPerson,
    Employer,
    EmployerAgreement,
    EmployerKind,
    Sector,
    kvk_normalise,
)
from ._shared import _employer_event, _raise


@dataclass(frozen=True)
class AddressSpec:
    street: str
    house_number: int
    postcode: str
    city: str
    house_number_addition: str = ""


@transaction.atomic
def employer_register(
    *,
    actor,
    name: str,
    kvk_number: str,
    sector: Sector,
    kind: str = EmployerKind.REGULAR,
    adviser=None,
    notes: str = "",
    head_office: AddressSpec | None = None,
) -> Employer:
    """A new employer: its organisation in the network (kind employer), its KvK number, and its head office."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam van de werkgever in.")})
    employer = Employer(kvk_number=kvk_normalise(kvk_number), kind=kind, sector=sector, adviser=adviser, notes=notes)
    employer.clean()
    employer.full_clean(exclude=["organisation"])
    region = selectors.user_region(user=actor)
    try:
        organisation = organisation_services.organisation_create(
            kind=OrganisationKind.EMPLOYER,
            code=f"werkgever-{employer.kvk_number}-{slugify(name)[:30]}".rstrip("-"),
            name=name,
            region=region,
        )
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    employer.organisation = organisation
    employer.save()
    _employer_event(actor, "employer.registered", employer, "employer", employer.pk, {"kind": kind})
    if head_office is not None:
        branch_add(
            actor=actor,
            employer=employer,
            name=_("Hoofdvestiging"),
            street=head_office.street,
            house_number=head_office.house_number,
            house_number_addition=head_office.house_number_addition,
            postcode=head_office.postcode,
            city=head_office.city,
            is_head_office=True,
        )
    return employer


@transaction.atomic
def branch_add(
    *,
    actor,
    employer: Employer,
    name: str,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    house_number_addition: str = "",
    is_head_office: bool = False,
) -> Branch:
    branch = Branch(
        employer=employer,
        name=name,
        street=street,
        house_number=house_number,
        house_number_addition=(house_number_addition or "").strip(),
        postcode=postcode_normalise(postcode),
        city=city,
        is_head_office=is_head_office,
    )
    branch.full_clean()
    if is_head_office:
        employer.branches.filter(is_head_office=True).update(is_head_office=False)
    branch.save()
    _employer_event(actor, "branch.added", employer, "branch", branch.pk, {"head_office": is_head_office})
    return branch


@transaction.atomic
def contact_person_add(
    *, actor, employer: Employer, name: str, job_title: str = "", email: str = "", phone: str = "", user=None
) -> ContactPerson:
    """A contact at the employer; with `user`, that account sees the employer page (own vacancies, candidates)."""
    contact = ContactPerson(employer=employer, name=name, job_title=job_title, email=email, phone=phone, user=user)
    contact.full_clean()
    if user is not None and user.roles:
        raise ValidationError({"user": _("Een medewerker van het netwerk kan geen account van een werkgever zijn.")})
    contact.save()
    _employer_event(
        actor, "contact_person.added", employer, "contact_person", contact.pk, {"account": user is not None}
    )
    return contact


@transaction.atomic
def contact_moment_record(
    *,
    actor,
    employer: Employer,
    kind: str,
    occurred_on: date,
    summary: str,
    is_acquisition: bool = False,
    contact_person: ContactPerson | None = None,
    outcome: str = ContactOutcome.NONE,
    follow_up_on: date | None = None,
) -> ContactMoment:
    """An acquisition visit, call or meeting in the employer's contact history."""
    moment = ContactMoment(
        employer=employer,
        kind=kind,
        occurred_on=occurred_on,
        summary=(summary or "").strip(),
        is_acquisition=is_acquisition,
        adviser=actor,
        contact_person=contact_person,
        outcome=outcome,
        follow_up_on=follow_up_on,
    )
    moment.full_clean()
    errors = {}
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Een contact dat nog moet plaatsvinden, legt u vast als vervolg.")
    if follow_up_on and follow_up_on < occurred_on:
        errors["follow_up_on"] = _("Het vervolg ligt vóór het contact.")
    if contact_person is not None and contact_person.employer_id != employer.pk:
        errors["contact_person"] = _("Deze contactpersoon werkt niet bij deze werkgever.")
    _raise(errors)
    moment.save()
    _employer_event(
        actor,
        "contact_moment.recorded",
        employer,
        "contact_moment",
        moment.pk,
        {"kind": kind, "acquisition": is_acquisition, "outcome": outcome, "occurred_on": occurred_on},
    )
    return moment


@transaction.atomic
def agreement_record(
    *,
    actor,
    employer: Employer,
    kind: str,
    description: str,
    valid_from: date,
    places: int | None = None,
    valid_to: date | None = None,
) -> EmployerAgreement:
    """An agreement with the employer, such as a number of banenafspraak places for the target group."""
    agreement = EmployerAgreement(
        employer=employer,
        kind=kind,
        description=(description or "").strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        places=places if kind == AgreementKind.JOBS_AGREEMENT else places or None,
    )
    agreement.full_clean()
    agreement.save()
    _employer_event(
        actor, "agreement.recorded", employer, "employer_agreement", agreement.pk, {"kind": kind, "places": places}
    )
    return agreement
