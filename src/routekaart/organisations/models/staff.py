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
    """A user works for an organisation in a role; one user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="affiliations")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("rol in organisatie")
        verbose_name_plural = _("rollen in organisaties")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_affiliation")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"
