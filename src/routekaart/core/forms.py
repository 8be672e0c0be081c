"""Form helpers every app's pages share.

Every form of the product derives from `Form` or `ModelForm` here (or mixes in `InstructiveErrorsMixin`): Django's
bare messages ("Dit veld is vereist.", "Voer een geldige datum in.") become Dutch instructions that name the field
and say what to do ("Vul datum van de intake in."), the NL Design System way. A field the label calls optional is
never refused as missing; a field that is needed only in some cases says so in its label (`required_when`) and the
form checks that case itself, so the page refuses it before any service does.

`error_summary` lists a page's errors (its form and formsets) for the summary at the top of the form: each message
with the label of its field and a link to that field.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext

from .limits import FieldLimits, PlausibleDateValidator, limits_of, range_tighten

# Field types whose empty answer is a choice not made ("Kies …") instead of something not typed ("Vul … in.").
_CHOICE_FIELDS = (forms.ChoiceField, forms.ModelChoiceField, forms.NullBooleanField)


def label_phrase(label: object) -> str:
    """The field's label as it reads inside a sentence: 'Datum van de intake' → 'datum van de intake'; a question
    or an abbreviation ('BSN …') stays as it is, a question between quotes."""
    text = str(label or "").strip().rstrip(":").strip()
    if not text:
        return gettext("dit veld")
    if text.endswith("?"):
        return f'"{text}"'
    first = text.split()[0]
    if len(first) > 1 and (first[1].isupper() or not first[1].isalpha()):
        return text
    return text[0].lower() + text[1:]


def _escape(text: str) -> str:
    """Keep a label's own % signs out of the %-formatting Django applies to validator messages."""
    return text.replace("%", "%%")


def instructive_messages(field: forms.Field, label: object) -> dict[str, str]:
    """Dutch instructions, naming the field, for each error code Django's own fields and validators raise."""
    name = _escape(label_phrase(label))
    if isinstance(field, forms.BooleanField) and not isinstance(field, forms.NullBooleanField):
        required = gettext("Vink %(name)s aan.") % {"name": name}
    elif isinstance(field, _CHOICE_FIELDS):
        required = gettext("Kies %(name)s.") % {"name": name}
    else:
        required = gettext("Vul %(name)s in.") % {"name": name}
    choice = gettext("Kies %(name)s uit de lijst.") % {"name": name}
    messages = {
        "required": required,
        "invalid_choice": choice,
        "invalid_pk_value": choice,
        "invalid_list": choice,
        "max_length": gettext("Gebruik ten hoogste %%(limit_value)d tekens voor %(name)s (nu %%(show_value)d).")
        % {"name": name},
        "min_length": gettext("Gebruik ten minste %%(limit_value)d tekens voor %(name)s (nu %%(show_value)d).")
        % {"name": name},
        "min_value": gettext("Vul voor %(name)s %%(limit_value)s of meer in.") % {"name": name},
        "max_value": gettext("Vul voor %(name)s %%(limit_value)s of minder in.") % {"name": name},
        "step_size": gettext("Vul voor %(name)s een veelvoud van %%(limit_value)s in.") % {"name": name},
        "max_digits": gettext("Gebruik voor %(name)s ten hoogste %%(max)s cijfers.") % {"name": name},
        "max_decimal_places": gettext("Gebruik voor %(name)s ten hoogste %%(max)s cijfers na de komma.")
        % {"name": name},
        "max_whole_digits": gettext("Gebruik voor %(name)s ten hoogste %%(max)s cijfers vóór de komma.")
        % {"name": name},
        "null_characters_not_allowed": gettext("Haal de ongeldige tekens uit %(name)s.") % {"name": name},
    }
    if isinstance(field, forms.DateTimeField):
        invalid = gettext("Vul %(name)s in als dag-maand-jaar uur:minuut, bijvoorbeeld 31-12-2026 14:30.")
    elif isinstance(field, forms.DateField):
        invalid = gettext("Vul %(name)s in als dag-maand-jaar, bijvoorbeeld 31-12-2026.")
    elif isinstance(field, forms.TimeField):
        invalid = gettext("Vul %(name)s in als uur:minuut, bijvoorbeeld 14:30.")
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        invalid = gettext("Vul %(name)s in als een getal, bijvoorbeeld 12,5.")
    elif isinstance(field, forms.IntegerField):
        invalid = gettext("Vul %(name)s in als een heel getal, bijvoorbeeld 12.")
    elif isinstance(field, forms.EmailField):
        invalid = gettext("Vul %(name)s in als e-mailadres, bijvoorbeeld naam@voorbeeld.nl.")
    elif isinstance(field, forms.URLField):
        invalid = gettext("Vul %(name)s in als webadres, bijvoorbeeld https://www.voorbeeld.nl.")
    else:
        invalid = gettext("Vul %(name)s in zoals de uitleg bij het veld zegt.")
    messages["invalid"] = invalid % {"name": name}
    messages["invalid_date"] = gettext("Vul %(name)s in als dag-maand-jaar, bijvoorbeeld 31-12-2026.") % {"name": name}
    messages["invalid_time"] = gettext("Vul %(name)s in als uur:minuut, bijvoorbeeld 14:30.") % {"name": name}
    return messages


def django_default_messages(field: forms.Field) -> dict[str, str]:
    """The messages Django itself gives this field type (and its validators, when they keep their own class's
    message), to tell them from a form's own."""
    defaults: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    for validator in field.validators:
        code = getattr(validator, "code", None)
        message = getattr(validator, "message", None)
        if code and message is not None and _is_default(message, getattr(type(validator), "message", None)):
            defaults.setdefault(code, message)
        for code, message in getattr(validator, "messages", {}).items():  # DecimalValidator: one per code
            if _is_default(message, getattr(type(validator), "messages", {}).get(code)):
                defaults.setdefault(code, message)
    return defaults


def _is_default(message: object, default: object) -> bool:
    return default is not None and (message is default or str(message) == str(default))


class InstructiveErrorsMixin:
    """Every field's Django default messages replaced by an instruction that names it; a message the form set
    itself is kept. Mix in before `forms.Form` / `forms.ModelForm` (or use `Form` / `ModelForm` below)."""

    instructive_errors = True
    # The model the form's input is stored into: each field named as one of its fields takes that field's limits
    # (max_length, minimum and maximum, plausible dates), so the page shows them (maxlength, min, max) and refuses
    # what the save would. `limits_renamed` maps a form field to the model field where the names differ.
    limits_model: type | None = None
    limits_renamed: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.apply_model_limits(self.fields)
        self._instruct()

    @classmethod
    def apply_model_limits(cls, fields: dict[str, forms.Field]) -> None:
        """Give each of `fields` named as a field of `limits_model` that field's limits (see `limits_model`)."""
        if cls.limits_model is not None:
            for name, limits in limits_of(cls.limits_model, fields, cls.limits_renamed).items():
                apply_field_limits(fields[name], limits)

    def full_clean(self) -> None:
        self._instruct()  # again: a form may add fields after __init__ (one score per life domain)
        super().full_clean()

    def _instruct(self) -> None:
        for name, field in self.fields.items():
            apply_instructive_messages(field, self[name].label)


_NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
_DATE_FIELDS = (forms.DateField, forms.DateTimeField)


def apply_field_limits(field: forms.Field, limits: FieldLimits) -> None:
    """Give a plain form field its model field's limits (core.limits.field_limits): a text its max_length, a number
    its minimum and maximum, a date its plausible range; each with the model's validator, and the widget's
    maxlength/min/max. A field of another kind (a choice) is left as it is; a tighter limit of the form's is kept."""
    if isinstance(field, _CHOICE_FIELDS):
        return
    if isinstance(field, forms.CharField):
        if limits.max_length and (field.max_length is None or field.max_length > limits.max_length):
            field.max_length = limits.max_length
            field.validators.append(MaxLengthValidator(limits.max_length))
    elif isinstance(field, _NUMBER_FIELDS):
        range_tighten(field, limits, MinValueValidator, MaxValueValidator)
    elif isinstance(field, _DATE_FIELDS):
        field.validators.extend(
            v for v in limits.validators if isinstance(v, PlausibleDateValidator) and v not in field.validators
        )
    else:
        return
    field.widget.attrs.update(field.widget_attrs(field.widget))


def apply_instructive_messages(field: forms.Field, label: object) -> None:
    """Replace the field's Django default messages (not a form's own) by instructions naming `label`. A
    validator's message follows the field's message of its code (Field.run_validators): so MaxLengthValidator
    and friends are covered too."""
    defaults = django_default_messages(field)
    messages = dict(field.error_messages)
    for code, text in instructive_messages(field, label).items():
        if code not in defaults:
            continue
        if code in messages and not _is_default(messages[code], defaults[code]):
            continue
        messages[code] = text
    field.error_messages = messages


def required_when(field: forms.Field, condition: str) -> forms.Field:
    """Mark an optional field as needed in one case (`condition`, e.g. "bij toekennen"): its label says
    "(verplicht bij toekennen)" instead of "(niet verplicht)". The form's clean() checks the case."""
    field.required = False
    field.required_when = condition
    return field


def require(form: forms.BaseForm, name: str, message: str | None = None) -> None:
    """Refuse an empty conditionally required field, with `message` or else its own 'required' instruction."""
    field = form.fields[name]
    if name not in form.errors and form.cleaned_data.get(name) in field.empty_values:
        form.add_error(name, ValidationError(message or field.error_messages["required"], code="required"))


class Form(InstructiveErrorsMixin, forms.Form):
    """A form whose every message says what to do (see the module)."""


class ModelForm(InstructiveErrorsMixin, forms.ModelForm):
    """A model form whose every message says what to do (see the module)."""


def service_errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message beside its field, the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- the error summary ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryError:
    """One line of the error summary: the message, the label of its field, and the id of the field to link to
    (empty for a message about the whole form)."""

    message: str
    label: str = ""
    target: str = ""


def _field_target(bound: forms.BoundField) -> str:
    """The id the summary links to: the input itself, or the first option of a group of radio buttons or boxes."""
    if bound.is_hidden:
        return ""
    if bound.use_fieldset:
        subwidgets = bound.subwidgets
        if subwidgets and subwidgets[0].id_for_label:
            return subwidgets[0].id_for_label
        return bound.auto_id or ""
    return bound.id_for_label or ""


def _form_errors(form: forms.BaseForm) -> list[SummaryError]:
    if not form.is_bound:
        return []
    lines = [SummaryError(str(message)) for message in form.non_field_errors()]
    for bound in form:
        for message in bound.errors:
            label = "" if bound.is_hidden else str(bound.label or "")
            lines.append(SummaryError(str(message), label.rstrip(":"), _field_target(bound)))
    return lines


def error_summary(*items: forms.BaseForm | BaseFormSet | list | None) -> list[SummaryError]:
    """Every error of a page's forms and formsets (and lists of messages), in the order given, for the summary at
    the top of the page."""
    lines: list[SummaryError] = []
    for item in items:
        if item is None or isinstance(item, str):
            continue
        if isinstance(item, list | tuple):  # a service's messages that name no field of a form on the page
            lines.extend(SummaryError(str(message)) for message in item)
            continue
        if isinstance(item, BaseFormSet):
            if not item.is_bound:
                continue
            item.errors  # noqa: B018 - validates the formset, as rendering would
            lines.extend(SummaryError(str(message)) for message in item.non_form_errors())
            for form in item.forms:
                lines.extend(_form_errors(form))
        elif isinstance(item, forms.BaseForm):
            lines.extend(_form_errors(item))
    return lines


def forms_without_instructions(candidates: Iterable[type]) -> list[type]:
    """The form classes among `candidates` that do not give instructive messages (for the architecture test)."""
    return [c for c in candidates if not getattr(c, "instructive_errors", False)]
