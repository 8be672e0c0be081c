"""The deadline dashboard: every running legal term the user may see, overdue first, with a filter per handler.
The legal team sees all of their organisation's matters; a coordinator the objections of their own households."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import objection_rules  # noqa: F401  (declares the permission below)
from .objection_forms import HandlerFilterForm
from .selectors_deadlines import deadline_handlers, deadline_rows


@permission_required("legal.view_objections", raise_exception=True)
@require_GET
def deadline_dashboard(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    form = HandlerFilterForm(request.GET or None, handlers=deadline_handlers(user=request.user, on=on))
    handler_id = form.cleaned_data.get("handler") if form.is_valid() else None
    rows = deadline_rows(user=request.user, on=on, handler_id=handler_id)
    context = {
        "form": form,
        "rows": rows,
        "overdue": sum(1 for row in rows if row.term.is_overdue),
        "on": on,
    }
    return render(request, "legal/deadline_dashboard.html", context)
