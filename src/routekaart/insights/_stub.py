"""A page another part of this issue is building: the shell of the insights pages until it lands."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def stub(request: HttpRequest, **kwargs) -> HttpResponse:
    return render(request, "insights/stub.html", {})
