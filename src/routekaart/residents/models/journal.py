"""The household journal: notes and documents, each tagged with a law domain and a visibility.

Who sees an entry is decided twice, and both must say yes:
- the **domain** (J, W, P, G), by the one access check: an entry about one person needs that person's domain
  (`HouseholdAccess.sees_person`, so a consent opens it), an entry about the household needs the domain for the
  whole household (`HouseholdAccess.sees`);
- the **visibility**, chosen by the author:
  - "betrokkenen" (INVOLVED): everyone the access check lets see that domain of this household, the resident
    included (AVG art. 15: the resident may read what is recorded about them);
  - "eigen organisatie" (ORGANISATION): only staff affiliated with the author's organisation (e.g. an internal
    consideration of the neighbourhood team);
  - "alleen ik" (AUTHOR): a personal working note of the author; nobody else sees it, not even a colleague.

Notes and documents are never edited: a correction is a new note that refers to the one it corrects, so the file
shows what was known when. Retention may still delete them with the household's file.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...organisations.roles import Domain

NOTE_MAX_LENGTH = limits.SUMMARY
DOCUMENT_MAX_BYTES_CEILING = 1024 * 1024 * 1024  # a database range only; the limit in force is in data/documents.yaml


class Visibility(models.TextChoices):
    INVOLVED = "involved", _("Betrokkenen die dit domein mogen zien")
    ORGANISATION = "organisation", _("Alleen mijn organisatie")
    AUTHOR = "author", _("Alleen ik (werkaantekening)")


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("a journal entry is never changed; record a correction instead")


class JournalEntry(models.Model):
    """What notes and documents share: whose file, which person, which domain, who may see it, and who wrote it."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("over"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    domain = models.CharField(_("domein"), max_length=1, choices=Domain.choices, default=Domain.GENERAL)
    visibility = models.CharField(
        _("zichtbaar voor"), max_length=12, choices=Visibility.choices, default=Visibility.INVOLVED
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("a journal entry is never changed; record a correction instead")
        super().save(*args, **kwargs)


class Note(JournalEntry):
    """A note in the household's journal, about the household or one member."""

    text = models.TextField(_("notitie"), **limits.text(NOTE_MAX_LENGTH))
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("correctie op"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geschreven door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, validators=limits.happened())

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        indexes = [models.Index(fields=["household", "-created_at"], name="note_household_newest")]

    def __str__(self) -> str:
        return f"{_('Notitie')} {self.pk}"


class Document(JournalEntry):
    """A file added to the household's journal. The file itself lies in the private document store
    (settings.DOCUMENTS_ROOT) under a random name; only the download view, after the access check, reads it."""

    title = models.CharField(_("titel"), max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=150)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveBigIntegerField(
        _("grootte in bytes"), validators=limits.within(limits.Range(1, DOCUMENT_MAX_BYTES_CEILING))
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("toegevoegd door"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, validators=limits.happened())

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        indexes = [models.Index(fields=["household", "-uploaded_at"], name="document_household_newest")]

    def __str__(self) -> str:
        return f"{_('Document')} {self.pk}"

    @property
    def kind_label(self) -> str:
        """The kind of file as people name it (PDF, DOCX): a file name on screen reads as a code."""
        return self.original_name.rpartition(".")[2].upper() if "." in self.original_name else ""
