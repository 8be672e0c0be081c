"""The filters of every insights figure: municipality, period (months) and wijk. One form, one parse, so every
page, export and API reads the same query string the same way; bad input gets a Dutch message, never a 500."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core import forms as core_forms
from ..organisations.selectors import municipality_list
from ..residents.selectors import district_list

DEFAULT_MONTHS = 24  # the period shown when none is chosen: two years up to this month
MAX_MONTHS = 120


@dataclass(frozen=True)
class Filters:
    """A chosen municipality and wijk (None: all) and a period of whole months, `month_from` to `month_to`
    inclusive (both the first day of their month)."""

    month_from: date
    month_to: date
    municipality_id: int | None = None
    district_id: int | None = None

    def apply(self, queryset: QuerySet, *, month_field: str | None = "month", district: bool = True) -> QuerySet:
        """The rows of an insights table within these filters."""
        if month_field:
            queryset = queryset.filter(**{f"{month_field}__gte": self.month_from, f"{month_field}__lte": self.month_to})
        if self.municipality_id:
            queryset = queryset.filter(municipality_id=self.municipality_id)
        if district and self.district_id:
            queryset = queryset.filter(district_id=self.district_id)
        return queryset

    @property
    def years(self) -> range:
        return range(self.month_from.year, self.month_to.year + 1)

    def query(self) -> dict[str, str]:
        """The query string of these filters (for export links and the print view)."""
        values = {"van": self.month_from.strftime("%Y-%m"), "tot": self.month_to.strftime("%Y-%m")}
        if self.municipality_id:
            values["gemeente"] = str(self.municipality_id)
        if self.district_id:
            values["wijk"] = str(self.district_id)
        return values


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def default_filters() -> Filters:
    end = this_month()
    return Filters(month_from=end - relativedelta(months=DEFAULT_MONTHS - 1), month_to=end)


class FilterForm(core_forms.Form):
    """GET form above every dashboard: `gemeente`, `wijk`, `van` and `tot` (YYYY-MM)."""

    gemeente = forms.TypedChoiceField(label=_("Gemeente"), required=False, coerce=int, empty_value=None)
    wijk = forms.TypedChoiceField(label=_("Wijk"), required=False, coerce=int, empty_value=None)
    van = forms.DateField(
        label=_("Van maand"), required=False, input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"})
    )
    tot = forms.DateField(
        label=_("Tot en met maand"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        municipalities = municipality_list()
        self.fields["gemeente"].choices = [("", _("Alle gemeenten"))] + [(m.id, m.name) for m in municipalities]
        self.fields["wijk"].choices = [("", _("Alle wijken"))] + [(d.id, d.name) for d in district_list()]
        for name in ("van", "tot"):
            self.fields[name].error_messages["invalid"] = _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.")

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end:
            if start > end:
                self.add_error("tot", _("De laatste maand ligt voor de eerste; kies een latere maand."))
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
                self.add_error("tot", _("Kies een periode van hoogstens tien jaar."))
        return data

    def filters(self) -> Filters:
        """The chosen filters; call after `is_valid()` (an invalid field falls back to its default)."""
        default = default_filters()
        data = self.cleaned_data if self.is_bound else {}
        start = data.get("van") or default.month_from
        end = data.get("tot") or default.month_to
        if start > end:
            start, end = default.month_from, default.month_to
        return Filters(
            month_from=start.replace(day=1),
            month_to=end.replace(day=1),
            municipality_id=data.get("gemeente"),
            district_id=data.get("wijk"),
        )


def filters_from(query) -> tuple[FilterForm, Filters]:
    """The form (with its errors, to show) and the filters it yields, from a request's GET."""
    form = FilterForm(query or None)
    form.is_valid()
    return form, form.filters()
