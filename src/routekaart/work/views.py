"""The werkgeversdienstverlening's pages: thin, they parse a form, call a service or a selector, and render.

A refused privacy check is answered with a rendered 403 *response*, so the request's transaction commits the log
entry of the refused attempt.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.forms import SummaryError, service_errors_to_form
from ..core.views import access_denied_as_403, service_form_submit
from ..organisations.roles import Domain
from ..residents.access import resident_access_check
from ..residents.models import Resident
from . import forms, privacy, selectors, services
from .models import (
    Arrangement,
    CandidateProfile,
    MatchDecision,
    MatchDecisionKind,
    OpeningStatus,
    PlacementCheck,
    PlacementState,
    Vacancy,
)
from .workflow import allowed

PAGE_SIZE = 25
KINDS = {"vacature": Vacancy, "arrangement": Arrangement}


def _form_page(request, form, *, title: str, intro: str = "", submit: str, back: str, status: int | None = None):
    status = status or (400 if form.errors else 200)
    context = {"form": form, "title": title, "intro": intro, "submit": submit, "back": back}
    return render(request, "work/form.html", context, status=status)


def _opening(kind: str, pk: int):
    model = KINDS.get(kind)
    if model is None:
        raise Http404(kind)
    if model is Vacancy:
        return selectors.vacancy_get(vacancy_id=pk)
    return selectors.arrangement_get(arrangement_id=pk)


def _opening_url(opening) -> str:
    if isinstance(opening, Vacancy):
        return reverse("work:vacancy_detail", args=[opening.pk])
    return reverse("work:arrangement_detail", args=[opening.pk])


def _kind_of(opening) -> str:
    return "vacature" if isinstance(opening, Vacancy) else "arrangement"


# --- The adviser's desk and employers -----------------------------------------------------------------------------


@permission_required("work.manage", raise_exception=True)
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    return render(request, "work/desk.html", {"desk": selectors.desk_get(user=request.user)})


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_list(request: HttpRequest) -> HttpResponse:
    search, page_number = forms.posted_search(request)  # the name travels in the POST body, not in the URL
    page = Paginator(selectors.employer_list(search=search), PAGE_SIZE).get_page(page_number)
    return render(request, "work/employer_list.html", {"page": page, "search": search})


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    form = forms.EmployerForm(request.POST or None)

    def register(data: dict):
        head_office = None
        if data["street"]:
            head_office = services.AddressSpec(
                street=data["street"], house_number=data["house_number"], postcode=data["postcode"], city=data["city"]
            )
        return services.employer_register(
            actor=request.user,
            name=data["name"],
            kvk_number=data["kvk_number"],
            kind=data["kind"],
            sector=data["sector"],
            adviser=request.user,
            notes=data["notes"],
            head_office=head_office,
        )

    return service_form_submit(
        request,
        form,
        register,
        success=_("De werkgever is vastgelegd."),
        then=lambda employer: redirect("work:employer_detail", employer_id=employer.pk),
    ) or _form_page(
        request,
        form,
        title=_("Nieuwe werkgever"),
        intro=_("Leg de werkgever vast met het KvK-nummer uit het Handelsregister."),
        submit=_("Werkgever vastleggen"),
        back=reverse("work:employer_list"),
    )


@permission_required("work.manage", raise_exception=True)
@require_GET
def employer_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    file = selectors.employer_file_get(employer_id=employer_id)
    return render(request, "work/employer_detail.html", {"file": file, "employer": file.employer})


def _employer_record_page(form_class, service, *, action: str, success: str):
    """The page that adds one record to an employer's file (a contact, a contact person, a branch, an agreement):
    the four differ only in their form, their service and their words."""

    @permission_required("work.manage", raise_exception=True)
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, employer_id: int) -> HttpResponse:
        employer = selectors.employer_get(employer_id=employer_id)
        kwargs = {"employer": employer} if form_class is forms.ContactMomentForm else {}
        form = form_class(request.POST or None, **kwargs)
        back = reverse("work:employer_detail", args=[employer.pk])
        return service_form_submit(
            request,
            form,
            lambda data: service(actor=request.user, employer=employer, **data),
            success=success,
            then=back,
        ) or _form_page(request, form, title=f"{action} — {employer.name}", submit=action, back=back)

    return page


contact_moment_create = _employer_record_page(
    forms.ContactMomentForm,
    services.contact_moment_record,
    action=gettext_lazy("Contact vastleggen"),
    success=gettext_lazy("Het contact is vastgelegd in de contacthistorie."),
)
contact_person_create = _employer_record_page(
    forms.ContactPersonForm,
    services.contact_person_add,
    action=gettext_lazy("Contactpersoon toevoegen"),
    success=gettext_lazy("De contactpersoon is toegevoegd."),
)
branch_create = _employer_record_page(
    forms.BranchForm,
    services.branch_add,
    action=gettext_lazy("Vestiging toevoegen"),
    success=gettext_lazy("De vestiging is toegevoegd."),
)
agreement_create = _employer_record_page(
    forms.AgreementForm,
    services.agreement_record,
    action=gettext_lazy("Afspraak vastleggen"),
    success=gettext_lazy("De afspraak is vastgelegd."),
)


# --- Vacancies and arrangements ---------------------------------------------------------------------------------


@permission_required("work.manage", raise_exception=True)
@require_GET
def opening_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", OpeningStatus.OPEN)
    if status not in OpeningStatus.values:
        status = OpeningStatus.OPEN
    context = {
        "vacancies": selectors.vacancy_list(status=status),
        "arrangements": selectors.arrangement_list(status=status),
        "status": status,
        "statuses": OpeningStatus.choices,
    }
    return render(request, "work/opening_list.html", context)


def _initial_employer(request) -> dict:
    employer_id = request.GET.get("werkgever")
    return {"employer": employer_id} if employer_id and employer_id.isdigit() else {}


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest) -> HttpResponse:
    form = forms.VacancyForm(request.POST or None, initial=_initial_employer(request))
    return service_form_submit(
        request,
        form,
        lambda data: services.vacancy_create(actor=request.user, **data),
        success=_("De vacature is vastgelegd."),
        then=lambda vacancy: redirect("work:vacancy_detail", pk=vacancy.pk),
    ) or _form_page(
        request,
        form,
        title=_("Nieuwe vacature"),
        intro=_("Een vacature van een werkgever, rechtstreeks of via een uitzendbureau."),
        submit=_("Vacature vastleggen"),
        back=reverse("work:opening_list"),
    )


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def arrangement_create(request: HttpRequest) -> HttpResponse:
    form = forms.ArrangementForm(
        request.POST or None, instruments=selectors.instrument_choices(), initial=_initial_employer(request)
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.arrangement_create(actor=request.user, **data),
        success=_("Het arrangement is vastgelegd."),
        then=lambda arrangement: redirect("work:arrangement_detail", pk=arrangement.pk),
    ) or _form_page(
        request,
        form,
        title=_("Nieuw arrangement (jobcarving)"),
        intro=_(
            "Een functie op maat, samen met de werkgever gemaakt voor de doelgroep: welke taken uit welke functies, "
            "hoeveel uur, welke begeleiding en instrumenten."
        ),
        submit=_("Arrangement vastleggen"),
        back=reverse("work:opening_list"),
    )


@permission_required("work.manage", raise_exception=True)
@require_GET
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _opening_detail(request, selectors.vacancy_get(vacancy_id=pk))


@permission_required("work.manage", raise_exception=True)
@require_GET
def arrangement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _opening_detail(request, selectors.arrangement_get(arrangement_id=pk))


def _opening_detail(request, opening, *, close_errors: list[str] = (), status: int = 200) -> HttpResponse:
    """The opening's page; with `close_errors`, a refused closing is summarised above its form, linked to it."""
    instruments = dict(selectors.instrument_choices())
    context = {
        "opening": opening,
        "kind": _kind_of(opening),
        "instruments": [instruments.get(code, code) for code in getattr(opening, "instruments", [])],
        "close_errors": [SummaryError(m, _("Sluiten als"), "close-status") for m in close_errors],
    }
    return render(request, "work/opening_detail.html", context, status=status)


@permission_required("work.manage", raise_exception=True)
@require_POST
def opening_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    opening = _opening(kind, pk)
    try:
        services.opening_close(actor=request.user, opening=opening, status=request.POST.get("status", "closed"))
    except ValidationError as error:
        return _opening_detail(request, opening, close_errors=error.messages, status=400)
    messages.success(request, _("Gesloten: de plek doet niet meer mee in matching en vacatureservice."))
    return redirect(_opening_url(opening))


# --- Matching -----------------------------------------------------------------------------------------------------


@permission_required("work.manage", raise_exception=True)
@require_GET
def ranking(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _ranking_page(request, kind, pk, forms.IncludeByNumberForm())


def _ranking_page(request: HttpRequest, kind: str, pk: int, include_form, status: int = 200) -> HttpResponse:
    """The ranking; a refused 'include by number' shows it again with the form's values and Dutch errors (400)."""
    opening = _opening(kind, pk)
    result = selectors.ranking_get(user=request.user, opening=opening)
    context = {"ranking": result, "opening": opening, "kind": kind, "include_form": include_form}
    return render(request, "work/ranking.html", context, status=status)


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, kind: str, pk: int, profile_id: int) -> HttpResponse:
    opening = _opening(kind, pk)
    profile = get_object_or_404(CandidateProfile.objects.select_related("resident"), pk=profile_id)
    privacy.candidate_check(user=request.user, resident=profile.resident)
    initial = {"kind": request.GET.get("besluit", MatchDecisionKind.EXCLUDE)}
    form = forms.DecisionForm(request.POST or None, initial=initial)
    return service_form_submit(
        request,
        form,
        lambda data: services.match_decision_record(actor=request.user, opening=opening, profile=profile, **data),
        success=_("Uw besluit is vastgelegd; de ranglijst houdt er rekening mee."),
        then=reverse("work:ranking", kwargs={"kind": kind, "pk": pk}),
    ) or _form_page(
        request,
        form,
        title=_("Afwijken van de ranglijst: %(name)s") % {"name": profile.resident.full_name},
        intro=_("U beslist: sluit de kandidaat uit voor “%(title)s”, of zet de kandidaat op de lijst.")
        % {"title": opening.title},
        submit=_("Besluit vastleggen"),
        back=reverse("work:ranking", args=[kind, pk]),
    )


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_POST
def include_by_number(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    form = forms.IncludeByNumberForm(request.POST)
    if not form.is_valid():
        return _ranking_page(request, kind, pk, form, status=400)
    opening = _opening(kind, pk)
    profile = CandidateProfile.objects.select_related("resident").filter(pk=form.cleaned_data["profile"]).first()
    if profile is None:
        form.add_error("profile", _("Er is geen werkprofiel met dit nummer."))
        return _ranking_page(request, kind, pk, form, status=400)
    try:
        services.match_decision_record(
            actor=request.user,
            opening=opening,
            profile=profile,
            kind=MatchDecisionKind.INCLUDE,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        service_errors_to_form(form, error)
        return _ranking_page(request, kind, pk, form, status=400)
    messages.success(request, _("De kandidaat staat op de lijst, door u toegevoegd."))
    return redirect("work:ranking", kind=kind, pk=pk)


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_POST
def decision_lift(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(MatchDecision.objects.select_related("vacancy", "arrangement"), pk=decision_id)
    privacy.candidate_check(user=request.user, resident=decision.profile.resident)
    try:
        services.match_decision_lift(actor=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het besluit is teruggedraaid."))
    return redirect("work:ranking", kind=_kind_of(decision.opening), pk=decision.opening.pk)


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, kind: str, pk: int, profile_id: int) -> HttpResponse:
    opening = _opening(kind, pk)
    profile = get_object_or_404(CandidateProfile.objects.select_related("resident"), pk=profile_id)
    privacy.candidate_check(user=request.user, resident=profile.resident, activity=privacy.PLACEMENT)
    form = forms.ProposeForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.placement_propose(actor=request.user, opening=opening, profile=profile, **data),
        success=_("De kandidaat is voorgesteld aan de werkgever."),
        then=lambda placement: redirect("work:placement_detail", pk=placement.pk),
    ) or _form_page(
        request,
        form,
        title=_("%(name)s voorstellen voor “%(title)s”") % {"name": profile.resident.full_name, "title": opening.title},
        intro=_("De keuze is aan u. Score en plaats in de ranglijst worden bij het voorstel bewaard."),
        submit=_("Voorstellen aan de werkgever"),
        back=reverse("work:ranking", args=[kind, pk]),
    )


# --- Candidates and work profiles ---------------------------------------------------------------------------------


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def candidate_list(request: HttpRequest) -> HttpResponse:
    """Candidates who shared their work profile with the adviser's organisation (paginated; the page is logged).

    A search by name is a POST (CSRF-checked) and its results are rendered from it: no name in any URL."""
    search, page_number = forms.posted_search(request)
    profiles = (
        CandidateProfile.objects.filter(
            resident_id__in=privacy.consenting_residents(
                organisation_ids=privacy.adviser_organisation_ids(request.user)
            )
        )
        .select_related("resident")
        .order_by("resident__family_name", "pk")
    )
    if search:
        profiles = profiles.filter(
            Q(resident__family_name__icontains=search) | Q(resident__given_names__icontains=search)
        )
    page = Paginator(profiles, PAGE_SIZE).get_page(page_number)
    privacy.read_log(user=request.user, residents=[p.resident for p in page.object_list])
    return render(request, "work/candidate_list.html", {"page": page, "search": search})


@login_required
@access_denied_as_403
@require_GET
def candidate_detail(request: HttpRequest, profile_id: int) -> HttpResponse:
    view = selectors.work_profile_get(user=request.user, profile_id=profile_id)
    openings = (
        selectors.openings_for_candidate(user=request.user, profile=view.profile)
        if request.user.has_perm("work.manage")
        else []
    )
    return render(request, "work/candidate_detail.html", {"view": view, "openings": openings})


@permission_required("work.edit_work_profile", raise_exception=True)
@require_GET
def work_profile_list(request: HttpRequest) -> HttpResponse:
    """The coordinator's residents of working age, with their work profile (or a link to make one)."""
    page = Paginator(selectors.caseload_work_profiles(user=request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    privacy.read_log(user=request.user, residents=[m.resident for m in page.object_list])
    return render(request, "work/work_profile_list.html", {"page": page})


@permission_required("work.edit_work_profile", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def work_profile_edit(request: HttpRequest, resident_id: int) -> HttpResponse:
    """The coordinator or job coach keeps the work profile; the household access check for domain P comes first."""
    resident_access_check(
        user=request.user, resident_id=resident_id, domain=Domain.PARTICIPATION, purpose=privacy.MATCHING
    )
    resident = get_object_or_404(Resident.objects.select_related("address"), pk=resident_id)
    profile = selectors.work_profile_of(resident_id=resident_id)
    if profile is not None:
        initial = {
            **{name: getattr(profile, name) for name in services.PROFILE_FIELDS},
            "competences": list(profile.competences.all()),
            "desired_sectors": list(profile.desired_sectors.all()),
        }
    else:
        postcode = resident.address.postcode[:4] if resident.address else ""
        initial = {"pc4": postcode, "education_level": resident.education_level, "hours_min": 16, "hours_max": 32}
    form = forms.WorkProfileForm(request.POST or None, initial=initial)
    if request.method == "GET" and profile is not None:
        privacy.read_log(user=request.user, residents=[resident])
    return service_form_submit(
        request,
        form,
        lambda data: services.work_profile_save(actor=request.user, resident=resident, **data),
        success=_("Het werkprofiel is bewaard."),
        then=reverse("work:work_profile_edit", kwargs={"resident_id": resident_id}),
    ) or _form_page(
        request,
        form,
        title=_("Werkprofiel van %(name)s") % {"name": resident.full_name},
        intro=_(
            "Alleen werkgegevens. De werkgeversadviseur ziet dit profiel pas als de inwoner toestemming geeft om het "
            "te delen (domein Participatiewet, aan de organisatie van de adviseur), en nooit zorggegevens."
        ),
        submit=_("Werkprofiel bewaren"),
        back=reverse("work:work_profile_list"),
    )


# --- Placements ---------------------------------------------------------------------------------------------------

STEPS = {
    "kennismaking": (
        forms.IntroduceForm,
        services.placement_introduce,
        PlacementState.INTRODUCED,
        gettext_lazy("Kennismaking"),
    ),
    "proefplaatsing": (
        forms.TrialForm,
        services.placement_trial_start,
        PlacementState.TRIAL,
        gettext_lazy("Proefplaatsing"),
    ),
    "contract": (forms.ContractForm, services.placement_contract, PlacementState.CONTRACTED, gettext_lazy("Contract")),
    "jobcoaching": (
        forms.CoachingStartForm,
        services.placement_coaching_start,
        PlacementState.COACHING,
        gettext_lazy("Jobcoaching start"),
    ),
    "jobcoaching-einde": (
        forms.CoachingEndForm,
        services.placement_coaching_end,
        PlacementState.CONTRACTED,
        gettext_lazy("Jobcoaching einde"),
    ),
    "beeindigen": (forms.EndForm, services.placement_end, PlacementState.ENDED, gettext_lazy("Beëindigen")),
    "niet-doorgegaan": (
        forms.DeclineForm,
        services.placement_decline,
        PlacementState.DECLINED,
        gettext_lazy("Niet doorgegaan"),
    ),
}


def _steps_for(placement) -> list[tuple[str, str]]:
    possible = allowed(placement.state)
    steps = []
    for slug, (_form, _service, target, label) in STEPS.items():
        if target in possible and not (slug == "jobcoaching-einde" and placement.state != PlacementState.COACHING):
            if slug == "contract" and placement.state == PlacementState.COACHING:
                continue
            steps.append((slug, label))
    return steps


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_GET
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_read(user=request.user, placement_id=pk)
    instruments = dict(selectors.instrument_choices())
    context = {
        "placement": placement,
        "steps": _steps_for(placement),
        "instruments": [instruments.get(code, code) for code in placement.instruments],
        "kind": _kind_of(placement.opening),
    }
    return render(request, "work/placement_detail.html", context)


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def placement_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404(step)
    form_class, service, _target, label = STEPS[step]
    placement = selectors.placement_get(placement_id=pk)
    privacy.candidate_check(user=request.user, resident=placement.profile.resident, activity=privacy.PLACEMENT)
    kwargs = {"instruments": selectors.instrument_choices()} if form_class is forms.ContractForm else {}
    if form_class is forms.ContractForm and request.method == "GET":
        kwargs["initial"] = {"instruments": list(getattr(placement.opening, "instruments", []) or [])}
    form = form_class(request.POST or None, **kwargs)
    return service_form_submit(
        request,
        form,
        lambda data: service(actor=request.user, placement=placement, **data),
        success=_("Vastgelegd: %(step)s.") % {"step": label},
        then=reverse("work:placement_detail", kwargs={"pk": pk}),
    ) or _form_page(
        request,
        form,
        title=_("%(step)s — plaatsing %(number)d") % {"step": label, "number": placement.pk},
        submit=_("Vastleggen"),
        back=reverse("work:placement_detail", args=[pk]),
    )


@permission_required("work.manage", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def check_record(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(PlacementCheck.objects.select_related("placement__profile__resident"), pk=check_id)
    privacy.candidate_check(user=request.user, resident=check.placement.profile.resident, activity=privacy.PLACEMENT)
    form = forms.CheckForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.placement_check_record(actor=request.user, check=check, **data),
        success=_("De controle is vastgelegd."),
        then=reverse("work:placement_detail", kwargs={"pk": check.placement_id}),
    ) or _form_page(
        request,
        form,
        title=_("Controle na %(months)d maanden — plaatsing %(number)d")
        % {"months": check.months, "number": check.placement_id},
        submit=_("Controle vastleggen"),
        back=reverse("work:placement_detail", args=[check.placement_id]),
    )


# --- Vacancy service and the employer page -------------------------------------------------------------------------


@permission_required("work.view_vacancy_service", raise_exception=True)
@require_GET
def vacancy_service(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.vacancy_service_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "work/vacancy_service.html", {"page": page})


@permission_required("work.view_employer_page", raise_exception=True)
@require_GET
@access_denied_as_403
def employer_page(request: HttpRequest) -> HttpResponse:
    return render(request, "work/employer_page.html", {"page": selectors.employer_page_get(user=request.user)})


# --- Social return ------------------------------------------------------------------------------------------------


@permission_required("work.view_social_return", raise_exception=True)
@require_GET
def sroi_list(request: HttpRequest) -> HttpResponse:
    return render(request, "work/sroi_list.html", {"contracts": selectors.sroi_contract_list()})


@permission_required("work.manage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def sroi_create(request: HttpRequest) -> HttpResponse:
    form = forms.SocialReturnContractForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.sroi_contract_create(actor=request.user, **data),
        success=_("Het contract met de social-returnverplichting is vastgelegd."),
        then=lambda contract: redirect("work:sroi_detail", pk=contract.pk),
    ) or _form_page(
        request,
        form,
        title=_("Nieuw contract met social return"),
        intro=_("De opdrachtnemer levert een percentage van de opdrachtwaarde als social return."),
        submit=_("Contract vastleggen"),
        back=reverse("work:sroi_list"),
    )


@permission_required("work.view_social_return", raise_exception=True)
@require_http_methods(["GET", "POST"])
def sroi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    file = selectors.sroi_contract_get(contract_id=pk)
    contract = file.progress.contract
    form = forms.FulfilmentForm(request.POST or None, contract=contract)
    if request.method == "POST" and not request.user.has_perm("work.manage"):
        return render(
            request, "work/denied.html", {"message": _("Alleen de werkgeversadviseur legt dit vast.")}, status=403
        )
    return service_form_submit(
        request,
        form,
        lambda data: services.sroi_fulfilment_record(actor=request.user, contract=contract, **data),
        success=_("De invulling is vastgelegd."),
        then=reverse("work:sroi_detail", kwargs={"pk": pk}),
    ) or render(request, "work/sroi_detail.html", {"file": file, "form": form}, status=400 if form.errors else 200)
