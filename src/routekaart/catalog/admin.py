"""Functioneel beheer of the catalog.

Changing a building block or a steering assignment never overwrites it: saving the form adds a new version with
the chosen effective date (through the services), and the earlier versions stay readable and cannot be deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import ModelForm, required_when
from . import services
from .models import (
    BLOCK_DOMAINS,
    BuildingBlock,
    BuildingBlockVersion,
    Cluster,
    ClusterAssignment,
    ConfigurationVersion,
    Destination,
    Duty,
    Holder,
    LifePhase,
    PolicyInstrument,
    RegionPreset,
    SteeringAssignment,
    Zone,
    domains_as_text,
)


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "colour", "order"]
    ordering = ["order"]


class BuildingBlockInline(admin.TabularInline):
    model = BuildingBlock
    fields = ["code", "order"]
    readonly_fields = ["code"]
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "zone", "section", "appendix_label"]
    list_filter = ["zone"]
    search_fields = ["name", "code", "appendix_label"]
    inlines = [BuildingBlockInline]


# --- building blocks --------------------------------------------------------------------------------------------


class BuildingBlockVersionInline(admin.TabularInline):
    model = BuildingBlockVersion
    fields = ["number", "effective_from", "name", "domains", "is_active", "source", "changed_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["effective_from", "number"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BuildingBlock)
class BuildingBlockAdmin(admin.ModelAdmin):
    list_display = ["__str__", "current_name", "current_domains", "cluster"]
    list_filter = ["cluster__zone", "cluster"]
    search_fields = ["code", "cluster__code", "versions__name"]
    readonly_fields = ["cluster", "code"]
    inlines = [BuildingBlockVersionInline]

    def get_queryset(self, request):
        latest = BuildingBlockVersion.objects.filter(building_block=OuterRef("pk")).order_by(
            "-effective_from", "-number"
        )
        return (
            super()
            .get_queryset(request)
            .select_related("cluster__zone")
            .annotate(
                current_name=Subquery(latest.values("name")[:1]),
                current_domains=Subquery(latest.values("domains")[:1]),
            )
            .distinct()
        )

    @admin.display(description=_("naam (laatste versie)"), ordering="current_name")
    def current_name(self, obj) -> str:
        return obj.current_name

    @admin.display(description=_("domeinen"))
    def current_domains(self, obj) -> str:
        return obj.current_domains

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class BuildingBlockVersionForm(ModelForm):
    domains = forms.MultipleChoiceField(
        label=_("Domeinen"), choices=[(d.value, d.label) for d in BLOCK_DOMAINS], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = BuildingBlockVersion
        fields = [
            "building_block",
            "effective_from",
            "name",
            "description",
            "domains",
            "heading",
            "appendix_name",
            "note",
            "is_active",
            "reason",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["domains"] = list(self.instance.domains or "")
        self.initial["effective_from"] = timezone.localdate()
        self.initial["reason"] = ""
        self.fields["reason"].required = True
        self.fields["effective_from"].help_text = _(
            "De wijziging wordt een nieuwe versie die vanaf deze datum geldt; de huidige versie blijft bewaard."
        )

    def clean_domains(self) -> str:
        return domains_as_text(self.cleaned_data["domains"])


@admin.register(BuildingBlockVersion)
class BuildingBlockVersionAdmin(admin.ModelAdmin):
    form = BuildingBlockVersionForm
    list_display = ["building_block", "number", "name", "domains", "effective_from", "is_active", "source"]
    list_filter = ["building_block__cluster__zone", "building_block__cluster", "source", "is_active"]
    search_fields = ["name", "building_block__code"]
    list_select_related = ["building_block__cluster"]
    autocomplete_fields = ["building_block"]

    def get_readonly_fields(self, request, obj=None):
        return ["building_block"] if obj else []

    def save_model(self, request, obj, form, change) -> None:
        """Never update: every save adds a version through the service, so the edited one stays as it was."""
        data = form.cleaned_data
        version = services.building_block_revise(
            building_block=obj.building_block,
            effective_from=data["effective_from"],
            actor=request.user,
            reason=data["reason"],
            name=data["name"],
            description=data["description"],
            domains=data["domains"],
            heading=data["heading"],
            appendix_name=data["appendix_name"],
            note=data["note"],
            is_active=data["is_active"],
        )
        obj.pk, obj.number = version.pk, version.number
        if change:
            messages.info(request, _("De wijziging is opgeslagen als versie %(number)s.") % {"number": version.number})

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- steering ---------------------------------------------------------------------------------------------------


def _holders(label):
    return forms.MultipleChoiceField(
        label=label, choices=Holder.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class SteeringAssignmentForm(ModelForm):
    # The model asks for it when the status is "niet ingevuld" (SteeringAssignment.clean).
    left_to = required_when(_holders(_("Overgelaten aan")), _("als de status 'niet ingevuld' is"))
    left_to.help_text = _("Verplicht als de status 'niet ingevuld' is.")  # the admin's own form shows no label note
    policy_direction = _holders(_("Beleidsregie"))
    delivery_direction = _holders(_("Uitvoeringsregie"))
    delivery = _holders(_("Uitvoering"))
    duties = forms.MultipleChoiceField(
        label=_("Plichten en bijzonderheden"), choices=Duty.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SteeringAssignment
        fields = ["preset", "cluster", "effective_from", *SteeringAssignment.CONTENT_FIELDS, "reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["effective_from"] = timezone.localdate()
        self.initial["reason"] = ""
        self.fields["reason"].required = True


@admin.register(SteeringAssignment)
class SteeringAssignmentAdmin(admin.ModelAdmin):
    form = SteeringAssignmentForm
    list_display = ["cluster", "preset", "number", "status", "steering", "effective_from", "source"]
    list_filter = ["preset", "cluster__zone", "status", "source"]
    list_select_related = ["cluster", "preset"]

    def get_readonly_fields(self, request, obj=None):
        return ["preset", "cluster"] if obj else []

    def save_model(self, request, obj, form, change) -> None:
        """Never update: the edited assignment is saved as a new version, effective from the chosen date."""
        if not change:
            obj.number = 0  # the service numbers it
        services.steering_assignment_revise(
            assignment=obj,
            actor=request.user,
            effective_from=form.cleaned_data["effective_from"],
            reason=form.cleaned_data["reason"],
        )
        if change:
            messages.info(request, _("De wijziging is opgeslagen als versie %(number)s.") % {"number": obj.number})

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- presets, participation, loaded files -----------------------------------------------------------------------


class ClusterAssignmentInline(admin.TabularInline):
    model = ClusterAssignment
    fields = ["order", "cluster", "organisations", "source", "text"]
    autocomplete_fields = ["organisations"]
    extra = 0


@admin.register(RegionPreset)
class RegionPresetAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "version", "effective_from", "is_active", "region"]
    readonly_fields = ["code", "version", "effective_from", "is_active"]
    inlines = [ClusterAssignmentInline]
    actions = ["activate"]

    @admin.action(description=_("Maak de gekozen regio-preset actief"))
    def activate(self, request, queryset) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Kies precies één regio-preset."), level=messages.ERROR)
            return
        preset = services.preset_activate(code=queryset.get().code, actor=request.user)
        self.message_user(request, _("%(name)s is nu de actieve regio-preset.") % {"name": preset.name})


class _LinkedAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "source"]
    filter_horizontal = ["building_blocks"]
    search_fields = ["name", "code"]


@admin.register(Destination)
class DestinationAdmin(_LinkedAdmin):
    pass


@admin.register(PolicyInstrument)
class PolicyInstrumentAdmin(_LinkedAdmin):
    list_filter = ["kind"]


@admin.register(LifePhase)
class LifePhaseAdmin(_LinkedAdmin):
    list_display = ["name", "title", "min_age", "max_age"]


@admin.register(ConfigurationVersion)
class ConfigurationVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "effective_from", "loaded_at", "checksum"]
    readonly_fields = ["name", "version", "effective_from", "loaded_at", "checksum"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
