"""Staff accounts and the organisations and roles they hold."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ..roles import Role
from .network import Organisation


class User(AbstractUser):
    # AbstractUser's two moments, with the plausible range every stored date has (core.limits).
    last_login = models.DateTimeField(_("laatst ingelogd"), blank=True, null=True, validators=limits.happened())
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now, validators=limits.happened())
    is_demo = models.BooleanField(
        _("demo-account"), default=False, help_text=_("Mag in de demo zonder tweede factor inloggen.")
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def roles(self) -> list[str]:
        """Roles held through any organisation, in the order of Role; cached for the request."""
        if not hasattr(self, "_roles_cache"):
            held = {a.role for a in self.affiliations_held()}
            self._roles_cache = [r for r in Role.values if r in held]
        return self._roles_cache

    def affiliations_held(self) -> list["Affiliation"]:
        """The affiliations with their organisations, one query per user object (so per request): the roles, the
        access check and the processing log's writer all read them, through `affiliations.all()` too."""
        if "affiliations" not in getattr(self, "_prefetched_objects_cache", {}):
            held = Affiliation.objects.select_related("organisation")
            prefetch_related_objects([self], Prefetch("affiliations", queryset=held))
        return list(self.affiliations.all())


class Affiliation(models.Model):
    """A user works for an organisation in a role; one user may hold several.

    `leads_team` makes a coordinator the team leader of that organisation: they see the open cases and caseload of
    its coordinators and reassign a case with a warm handover. A permission on the affiliation, not a role of its
    own: a team leader is a coordinator of the team, so the roles' law domains (ROLE_DOMAINS), the register's roles
    per processing activity and the access matrix stay as they are; a new Role would have to be added to each of
    them. Being a superuser makes nobody a team leader.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="affiliations")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    leads_team = models.BooleanField(
        _("teamleider"),
        default=False,
        db_default=False,  # rows written by code that predates the flag (older migrations' models) are no leaders
        help_text=_(
            "Ziet de casussen en caseload van de regisseurs van deze organisatie en kan een casus warm overdragen."
        ),
    )

    class Meta:
        verbose_name = _("rol in organisatie")
        verbose_name_plural = _("rollen in organisaties")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_affiliation"),
            models.CheckConstraint(
                condition=models.Q(leads_team=False) | models.Q(role=Role.COORDINATOR),
                name="team_leader_is_a_coordinator",
                violation_error_message=_("Alleen een regisseur kan teamleider zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"
