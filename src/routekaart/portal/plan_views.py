"""Portal pages: Overzicht (home), Mijn plan, Mijn route, and the resident's question about an agreement.

What these pages show (the rule of this part of the portal):
- household-level things of the household `request.portal.person` lives in: its coordinator, its active plan (goals
  and agreements), its next planned conversations; the person is a party to them;
- the person's own route(s) and reassessment; never a housemate's route or file;
- an agreement id from the URL must be an agreement of that household's active plan, else 404 (never 403).
Writes (ticking off an agreement, a question) are for oneself and for a child under 16 a parent acts for; someone
who was only authorised to look (machtiging) reads and does not act.
Each page reads a fixed number of queries and logs its reads with channel portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..access import selectors_household as access_plans
from ..access import services as access_services
from ..core import limits
from ..core.forms import Form
from ..income import selectors as income_selectors
from ..organisations.roles import Domain
from ..participation import selectors as participation_selectors
from ..residents import selectors as residents_selectors
from ..residents.access import HOUSEHOLD_FILE
from ..residents.represented import Ground
from ..routes import selectors as routes_selectors
from .reads import portal_read
from .render import portal_form_page, portal_render
from .session import portal_view

ROUTE_GUIDANCE = "route-guidance"
SOCIAL_ASSISTANCE = "social-assistance"
PARTICIPATION = "participation"

# The other parts of the portal, as cards on the overview (links only: their pages show their own data).
CARDS = (
    ("portal:plan", _("Mijn plan"), _("Uw doelen en afspraken. Vink af wat u gedaan heeft.")),
    ("portal:route", _("Mijn route"), _("Waar u staat op uw route en wat de volgende stap is.")),
    ("portal:decisions", _("Besluiten en brieven"), _("De besluiten over uw hulp en de brieven.")),
    ("portal:income", _("Mijn inkomen"), _("Uw uitkering en wat u moet doorgeven.")),
    ("portal:regulations", _("Regelingen"), _("Regelingen waar u misschien recht op heeft.")),
    ("portal:consents", _("Toestemmingen"), _("Wie uw gegevens mag zien.")),
    ("portal:processing_log", _("Wie zag mijn gegevens"), _("Welke medewerkers uw gegevens bekeken.")),
)


def _may_act(scope) -> bool:
    """Oneself, or a parent for a child under 16; an authorised person only looks."""
    return scope.ground in (Ground.SELF, Ground.PARENT)


def _represented(scope):
    return next(r for r in scope.represented if r.id == scope.person.pk)


@dataclass(frozen=True)
class Appointment:
    """A planned date, and what it is in plain words."""

    on: date
    what: str
    explain: str


def _next_appointment(scope, plan) -> Appointment | None:
    """The nearest planned date among the plan's evaluation, the yearly conversation about the benefit and the
    reassessment of the distance to work (the last two only when the Participatiewet is in view): 2 queries."""
    found: list[Appointment] = []
    if plan is not None and plan.next_review_on and plan.next_review_on >= scope.on:
        found.append(
            Appointment(
                plan.next_review_on,
                _now("Evaluatie van uw plan"),
                _now("U bespreekt met uw regisseur hoe het gaat en of het plan nog klopt."),
            )
        )
    if _represented(scope).sees(Domain.PARTICIPATION):
        review_on = (
            income_selectors.annual_review_next_on(household_id=scope.household_id, on=scope.on)
            if scope.household_id
            else None
        )
        if review_on is not None:
            found.append(
                Appointment(
                    review_on,
                    _now("Jaarlijks gesprek over uw uitkering"),
                    _now("Eén keer per jaar praat u met uw regisseur over uw uitkering en uw situatie."),
                )
            )
        distance = participation_selectors.labour_distance_current(resident_id=scope.person.pk)
        if distance is not None and distance.next_assessment_on >= scope.on:
            found.append(
                Appointment(
                    distance.next_assessment_on,
                    _now("Nieuwe beoordeling van uw afstand tot werk"),
                    _now("Wij kijken opnieuw hoe dicht u bij betaald werk staat en welke hulp daarbij past."),
                )
            )
    return min(found, key=lambda a: a.on) if found else None


@require_GET
@portal_view
def home(request: HttpRequest, **kwargs) -> HttpResponse:
    """Overzicht: my coordinator, the next appointment, my plan in short, and the other parts as cards."""
    scope = request.portal
    coordinator = (
        residents_selectors.household_coordinator(household_id=scope.household_id, on=scope.on)
        if scope.household_id
        else None
    )
    plan = access_plans.resident_plan_get(household_id=scope.household_id, on=scope.on)
    appointment = _next_appointment(scope, plan.plan)
    portal_read(request, activity=HOUSEHOLD_FILE)
    return portal_render(
        request,
        "portal/home.html",
        {
            "coordinator": coordinator,
            "plan": plan,
            "own_open": plan.own_open,
            "appointment": appointment,
            "cards": CARDS,
        },
    )


@require_GET
@portal_view
def plan(request: HttpRequest, **kwargs) -> HttpResponse:
    """Mijn plan: the active plan's goals and agreements; the resident's own marked, with "Ik heb dit gedaan" and
    "Stel een vraag"; and the messages sent with their answers."""
    scope = request.portal
    found = access_plans.resident_plan_get(household_id=scope.household_id, on=scope.on)
    by_goal: dict[int | None, list] = {}
    for agreement, due in found.agreements:
        by_goal.setdefault(agreement.goal_id, []).append((agreement, due))
    goals = [(goal, by_goal.get(goal.pk, [])) for goal in found.goals]
    sent = access_plans.resident_messages(household_id=scope.household_id, resident_id=scope.person.pk)
    portal_read(request, activity=HOUSEHOLD_FILE)
    return portal_render(
        request,
        "portal/plan.html",
        {
            "plan": found.plan,
            "goals": goals,
            "loose": by_goal.get(None, []),
            "sent": sent,
            "may_act": _may_act(scope),
            "resident_party": access_plans.AgreementParty.RESIDENT,
        },
    )


def _own_agreement(request: HttpRequest, pk: int):
    """An agreement of the scope's household's active plan, for someone who may act; else 404."""
    scope = request.portal
    if not _may_act(scope) or scope.household_id is None:
        raise Http404
    try:
        return access_plans.resident_agreement_get(household_id=scope.household_id, agreement_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@require_POST
@portal_view
def agreement_done(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """Ik heb dit gedaan: the resident ticks off their own open agreement; the coordinator sees it on the timeline."""
    agreement = _own_agreement(request, pk)
    try:
        access_services.agreement_done_by_resident(
            actor=request.user, agreement=agreement, household_id=request.portal.household_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _now("Goed gedaan! Uw regisseur ziet dat u deze afspraak heeft gedaan."))
    return redirect("portal:plan")


class QuestionForm(Form):
    """`text` carries the service's field name, so its refusal lands beside this field."""

    text = forms.CharField(
        label=_("Wat is uw vraag?"),
        help_text=_("Schrijf uw vraag in uw eigen woorden. Uw regisseur leest hem en geeft antwoord."),
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf uw vraag.")},
    )


@require_http_methods(["GET", "POST"])
@portal_view
def agreement_question(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """Stel een vraag: a question about one agreement to the coordinator (access.resident_message_send)."""
    scope = request.portal
    agreement = _own_agreement(request, pk)
    portal_read(request, activity=HOUSEHOLD_FILE)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    return portal_form_page(
        request,
        form,
        lambda data: access_services.resident_message_send(
            actor=request.user,
            household_id=scope.household_id,
            resident=scope.person,
            kind=access_services.ResidentMessageKind.QUESTION,
            text=data["text"],
            agreement=agreement,
        ),
        success=_now("Uw vraag is verstuurd. Uw regisseur geeft antwoord op deze pagina."),
        then="portal:plan",
        template="portal/plan_question.html",
        context={"agreement": agreement},
    )


@require_GET
@portal_view
def route(request: HttpRequest, **kwargs) -> HttpResponse:
    """Mijn route: where the person is on their route or exit route, what comes next and who holds regie."""
    scope = request.portal
    rows = routes_selectors.resident_trajectories(resident_id=scope.person.pk)
    portal_read(request, activity=ROUTE_GUIDANCE)
    return portal_render(request, "portal/route.html", {"rows": rows})
