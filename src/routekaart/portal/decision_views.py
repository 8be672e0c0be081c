"""Portal pages: "Besluiten en brieven". The decisions (beschikkingen) of the person shown, each with its letter as
PDF and its objection term, and a way to object online.

Which decisions the page shows (the rule of this part of the portal):
- the decisions addressed to the person shown;
- when the resident looks at their own page: also those addressed to a child under 16 they act for as a parent
  (the child is in their scope: residents.represented);
- when they look at someone who authorised them: only the decisions under the laws the authorisation names.
Every decision of the toegang is addressed to one member of the household, and its provisions are that member's
own support: a decision addressed to a partner or to a child of 16 or older is that person's own data, so it is
never shown, not even to someone in the same household. Household-wide decisions (the benefit) are income's.

A decision id from the URL outside this rule answers 404, never 403: the page does not tell that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from ..access import selectors as access_selectors
from ..access.letters import LetterUnavailable, decision_letter_pdf
from ..access.objection_term import ObjectionTerm, objection_term
from ..core.forms import service_errors_to_form
from ..legal import selectors as legal_selectors
from ..legal import terms as legal_terms
from ..legal.services import objections as legal_services
from ..residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ..residents.represented import Ground
from .decision_forms import ObjectionForm
from .reads import portal_read
from .render import portal_render
from .session import portal_view

LAWS = ("J", "W", "P")
# The law in plain words, with what it is about (B1: no law name without a few words of explanation).
LAW_PLAIN = {
    "J": _("Jeugdwet"),
    "W": _("Wmo"),
    "P": _("Participatiewet"),
}
LAW_ABOUT = {
    "J": _("hulp voor kinderen, jongeren en ouders"),
    "W": _("hulp om zelfstandig te wonen en mee te doen"),
    "P": _("hulp bij werk en inkomen"),
}
RECEIVED_KEY = "portal_objection_received"  # session: decision id -> the id of the objection registered


@dataclass(frozen=True)
class DecisionScope:
    resident_ids: tuple[int, ...]
    laws: tuple[str, ...]


def decision_scope(scope) -> DecisionScope:
    """Whose decisions, under which laws, this portal request may show (see the module's rule)."""
    chosen = next(r for r in scope.represented if r.id == scope.person.pk)
    ids = [scope.person.pk]
    if scope.viewing_self:
        ids += [r.id for r in scope.represented if r.ground == Ground.PARENT]
    return DecisionScope(resident_ids=tuple(ids), laws=tuple(law for law in LAWS if chosen.sees(law)))


def _decision_get(request: HttpRequest, pk: int, *, letter: bool = False):
    allowed = decision_scope(request.portal)
    get = access_selectors.resident_decision_letter_get if letter else access_selectors.resident_decision_get
    try:
        return get(resident_ids=allowed.resident_ids, laws=allowed.laws, decision_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def _term(decision, on) -> ObjectionTerm:
    return objection_term(sent_on=decision.decided_on, weeks=decision.objection_weeks, on=on)


@require_GET
@portal_view
def decisions(request: HttpRequest, **kwargs) -> HttpResponse:
    """The decisions of the person shown, newest first: 2 queries however many decisions and provisions."""
    scope = request.portal
    allowed = decision_scope(scope)
    found = access_selectors.resident_decisions(resident_ids=allowed.resident_ids, laws=allowed.laws)
    rows = [
        {
            "decision": d,
            "law": LAW_PLAIN[d.law],
            "law_about": LAW_ABOUT[d.law],
            "for_other": d.addressee_id != scope.person.pk,
            "granted": [p for p in d.provisions.all() if p.outcome == "granted"],
            "refused": [p for p in d.provisions.all() if p.outcome == "refused"],
            "term": _term(d, scope.on),
        }
        for d in found
    ]
    readers = {scope.person.pk: scope.person} | {d.addressee_id: d.addressee for d in found}
    portal_read(request, activity=HOUSEHOLD_FILE, residents=readers.values())
    return portal_render(request, "portal/decisions.html", {"rows": rows})


@require_GET
@portal_view
def decision_letter(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """The decision letter as PDF: the very letter the staff download makes (access.letters)."""
    decision = _decision_get(request, pk, letter=True)
    try:
        pdf = decision_letter_pdf(decision)
    except LetterUnavailable:
        return portal_render(request, "portal/decision_letter_unavailable.html", {"decision": decision}, status=503)
    portal_read(request, activity=DOMAIN_ACTIVITY[decision.law], residents=[decision.addressee])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{decision.reference}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@portal_view
def objection(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """Bezwaar maken: the objection is registered in klantbeheer (legal.services, channel portal), with its decision
    term. After the term the form still takes it, and asks why it is late (Awb art. 6:11)."""
    scope = request.portal
    decision = _decision_get(request, pk)
    portal_read(request, activity=DOMAIN_ACTIVITY[decision.law], residents=[decision.addressee])
    term = _term(decision, scope.on)
    form = ObjectionForm(request.POST if request.method == "POST" else None, late=term.is_late)
    if request.method == "POST" and form.is_valid():
        try:
            registered = legal_services.objection_register(
                actor=request.user,
                decision_kind="access",
                decision_id=decision.pk,
                objector_id=decision.addressee_id,
                channel="portal",
                received_on=timezone.localdate(),
                grounds=form.cleaned_data["grounds"].strip(),
                late_reason=(form.cleaned_data.get("late_reason") or "").strip(),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            received = request.session.get(RECEIVED_KEY, {})
            received[str(decision.pk)] = registered.pk
            request.session[RECEIVED_KEY] = received
            return redirect("portal:objection_received", pk=decision.pk)
    context = {"decision": decision, "law": LAW_PLAIN[decision.law], "term": term, "form": form}
    return portal_render(request, "portal/objection.html", context, status=400 if form.errors else 200)


@require_GET
@portal_view
def objection_received(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """The confirmation: the objection's reference, when it was received, and the day we decide at the latest."""
    decision = _decision_get(request, pk)
    registered = request.session.get(RECEIVED_KEY, {}).get(str(decision.pk))
    if not isinstance(registered, int):
        return redirect("portal:objection", pk=decision.pk)
    allowed = decision_scope(request.portal)
    try:
        objection = legal_selectors.resident_objection_get(resident_ids=allowed.resident_ids, objection_id=registered)
    except Http404:
        return redirect("portal:objection", pk=decision.pk)
    portal_read(request, activity=legal_selectors.PURPOSE, residents=[objection.objector])
    term = legal_terms.decision_term(decision_due_on=objection.decision_due_on, on=request.portal.on)
    context = {"decision": decision, "objection": objection, "received_on": objection.received_on, "term": term}
    return portal_render(request, "portal/objection_received.html", context)
