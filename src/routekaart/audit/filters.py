import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from ..core.identifiers import validate_bsn
from .models import ProcessingActivity, ProcessingLogEntry, Result


def _staff(request):
    """The user model by setting: audit knows no domain model, so it never imports organisations."""
    return get_user_model().objects.order_by("username")


class ProcessingLogFilter(django_filters.FilterSet):
    """What the privacy officer filters on: person (as pseudonym), user, organisation, activity, result, period."""

    # One entry names all the people of its action; the filter finds it through their index (one row per entry).
    data_subject = django_filters.CharFilter(label=_("Betrokkene (pseudoniem)"), field_name="data_subjects__pseudonym")
    actor = django_filters.ModelChoiceFilter(label=_("Medewerker"), queryset=_staff)
    organisation_code = django_filters.CharFilter(label=_("Organisatie (code)"))
    activity = django_filters.ModelChoiceFilter(
        label=_("Verwerkingsactiviteit"), queryset=ProcessingActivity.objects.all(), to_field_name="code"
    )
    result = django_filters.ChoiceFilter(label=_("Resultaat"), choices=Result.choices)
    occurred_from = django_filters.DateFilter(
        label=_("Vanaf"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_to = django_filters.DateFilter(
        label=_("Tot en met"),
        field_name="occurred_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ProcessingLogEntry
        form = Form  # messages that name the field and say what to do
        fields = ["data_subject", "actor", "organisation_code", "activity", "result", "occurred_from", "occurred_to"]


class PersonSearchForm(Form):
    """The BSN is posted, never put in a URL (URLs end up in proxy logs); the page then filters on its pseudonym.

    A number that fails the 11-check belongs to no one, so the search is refused instead of logged as a processing.
    """

    bsn = forms.CharField(
        label=_("BSN van de betrokkene"),
        validators=[validate_bsn],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
