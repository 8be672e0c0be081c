"""Labels and small drawings for the integrale toegang screens and letters."""

from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ...audit import event_labels as labels
from ...organisations.roles import Domain
from ..models import (
    AgreementParty,
    ClosureReason,
    GatekeepingOutcome,
    LegalBasis,
    ProvisionOutcome,
    ProvisionUnit,
    ReferralSource,
    ReportTopic,
    SignalKind,
)

register = template.Library()

LAW_SHORT = {Domain.YOUTH: _("Jeugdwet"), Domain.SUPPORT: _("Wmo 2015"), Domain.PARTICIPATION: _("Participatiewet")}


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@register.filter
def event_label(action: str) -> str:
    """The action in Dutch, from the one registry of every app's event labels (never the code)."""
    return labels.event_label(action)


@register.filter
def event_reason(event) -> str:
    """Why, in words, from the event's codes (events hold no free text: that stays in this app's tables)."""
    after = event.after if isinstance(event.after, dict) else {}
    action = event.action
    if action == "signal.received":
        parts = [_label(SignalKind, after.get("kind"))]
        if after.get("topic"):
            parts.append(_label(ReportTopic, after["topic"]).lower())
        if after.get("source"):
            parts.append(_("via %(source)s") % {"source": _label(ReferralSource, after["source"])})
        if after.get("domain") in LAW_SHORT:
            parts.append(str(LAW_SHORT[after["domain"]]))
        if after.get("urgent"):
            parts.append(str(_("spoed")))
        return ", ".join(str(p) for p in parts)
    if action == "gatekeeping.recorded":
        return _label(GatekeepingOutcome, after.get("outcome"))
    if action == "case.closed":
        return _label(ClosureReason, after.get("reason"))
    if action == "decision.recorded":
        outcomes = [_label(ProvisionOutcome, p.get("outcome")).lower() for p in after.get("provisions", [])]
        text = _("Kenmerk %(reference)s: %(outcomes)s") % {
            "reference": after.get("reference", ""),
            "outcomes": ", ".join(outcomes),
        }
        return f"{text} ({_('spoed')})" if after.get("urgent") else text
    if action == "plan.activated":
        return _("Versie %(version)s") % {"version": after.get("version")}
    if action == "plan.drafted":
        return _("Versie %(version)s, %(goals)s doelen, %(agreements)s afspraken") % after
    if action == "agreement.added":
        return _label(AgreementParty, after.get("party"))
    if action == "agreement.status_changed":
        return {"done": str(_("gedaan")), "cancelled": str(_("vervallen")), "open": str(_("weer open"))}.get(
            after.get("status"), ""
        )
    if action == "deadline.changed":
        return _("%(days)s dagen langer") % {"days": after.get("days")}
    return ""


@register.filter
def law_short(code: str) -> str:
    return str(LAW_SHORT.get(code, _("Algemeen")))


@register.filter
def law_name(code: str) -> str:
    """The law's full name as the data file has it (for letters)."""
    name = LegalBasis.objects.filter(law=code).values_list("name", flat=True).first()
    return name or str(LAW_SHORT.get(code, code))


@register.filter
def unit_label(code: str) -> str:
    return _label(ProvisionUnit, code) if code else ""


@register.filter
def volume(value) -> str:
    """4.00 -> "4", 2.50 -> "2,5": the way a letter writes a number."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


@register.filter
def days_left(value) -> int | None:
    return (value - timezone.localdate()).days if value else None


@register.filter
def absolute(value: int) -> int:
    return abs(value)


@register.filter
def block_name(block) -> str:
    versions = list(block.versions.all())
    return versions[-1].name if versions else block.code


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def sparkline(points, dates) -> str:
    """A small line of one life domain's scores over time (decorative: the table beside it has the numbers)."""
    if not points:
        return ""
    width, height, pad = 120, 32, 3
    positions = {d: i for i, d in enumerate(dates)}
    span = max(len(dates) - 1, 1)
    coords = [
        (pad + (width - 2 * pad) * positions[d] / span, pad + (height - 2 * pad) * (5 - score) / 4)
        for d, score in points
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = format_html_join(
        "", '<circle cx="{}" cy="{}" r="2.5"></circle>', ((f"{x:.1f}", f"{y:.1f}") for x, y in coords)
    )
    return format_html(
        '<svg class="rk-spark" viewBox="0 0 {} {}" width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"></polyline>{}</svg>',
        width,
        height,
        width,
        height,
        line,
        dots,
    )
