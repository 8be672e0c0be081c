"""The household journal's screens: the journal, a new note (or a correction), a new document, and the download.

Every view asks the access check first (purpose household-file); what it shows is narrowed per entry by domain and
visibility (journal_selectors). A download is the only way to a stored file: it answers the file as an attachment,
never rendered by the browser (`nosniff`), and logs the read, or the refusal.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403
from ..organisations.roles import Domain
from . import journal_selectors, journal_services, selectors
from .access import HOUSEHOLD_FILE, HouseholdAccess, household_access_check
from .household_blocks import HouseholdAction, HouseholdBlock
from .journal_forms import DocumentForm, NoteForm
from .models import Document

PAGE_SIZE = 20
BLOCK_SIZE = 5
ORDER = 800


def _writable_domains(access: HouseholdAccess) -> set[str]:
    """The domains an entry may be written in: those open for the household, or for a consenting member."""
    return set(access.domains) | {domain for _resident, domain in access.consented}


def _members(access: HouseholdAccess) -> list:
    return [m.resident for m in selectors.household_composition_get(access=access, on=access.on)]


def _by_id(members: list, resident_id: int | None):
    return next((r for r in members if r.pk == resident_id), None) if resident_id is not None else None


@login_required
@access_denied_as_403
@require_GET
def journal(request: HttpRequest, household_id: int) -> HttpResponse:
    """The household's notes and documents that the viewer may see, newest first, a page at a time."""
    access = household_access_check(user=request.user, household_id=household_id, purpose=HOUSEHOLD_FILE)
    notes = Paginator(journal_selectors.notes_visible(access=access), PAGE_SIZE).get_page(request.GET.get("pagina"))
    documents = Paginator(journal_selectors.documents_visible(access=access), PAGE_SIZE).get_page(
        request.GET.get("documenten")
    )
    shown = [*notes.object_list, *documents.object_list]
    journal_selectors.journal_read_log(access=access, entries=shown)
    context = {
        "household_id": household_id,
        "page": notes,
        "documents": documents,
        "corrected": journal_selectors.corrected_ids(notes=notes.object_list),
        "may_write": request.user.has_perm("residents.keep_journal"),
    }
    return render(request, "residents/journal/journal.html", context)


@permission_required("residents.keep_journal", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, household_id: int) -> HttpResponse:
    """Record a note; with `?corrigeert=<id>` a correction of an earlier note (which stays as it was)."""
    access = household_access_check(user=request.user, household_id=household_id, purpose=HOUSEHOLD_FILE)
    members = _members(access)
    corrects_id = request.POST.get("corrects") or request.GET.get("corrigeert")
    corrected = None
    if corrects_id and str(corrects_id).isdigit():
        corrected = journal_selectors.note_get(access=access, note_id=int(corrects_id))
        if corrected is None:
            raise Http404
    initial = {}
    if corrected is not None:
        journal_selectors.journal_read_log(access=access, entries=[corrected])
        initial = {
            "corrects": corrected.pk,
            "resident": corrected.resident_id,
            "domain": corrected.domain,
            "visibility": corrected.visibility,
        }
    form = NoteForm(request.POST or None, initial=initial, members=members, domains=_writable_domains(access))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            journal_services.note_record(
                actor=request.user,
                access=access,
                text=data["text"],
                domain=data["domain"],
                visibility=data["visibility"],
                resident=_by_id(members, data["resident"]),
                corrects=corrected,
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("De notitie is vastgelegd."))
            return redirect("residents:journal", household_id=household_id)
    status = 400 if form.errors else 200
    context = {"form": form, "household_id": household_id, "corrected": corrected}
    return render(request, "residents/journal/note_form.html", context, status=status)


@permission_required("residents.keep_journal", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, household_id: int) -> HttpResponse:
    """Add a document: its kind is checked on its content and its size against data/documents.yaml."""
    access = household_access_check(user=request.user, household_id=household_id, purpose=HOUSEHOLD_FILE)
    members = _members(access)
    rules = journal_services.document_rules()
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        members=members,
        domains=_writable_domains(access),
        kinds=rules.labels,
        limit=journal_services.megabytes(rules.max_bytes),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            journal_services.document_upload(
                actor=request.user,
                access=access,
                upload=data["file"],
                title=data["title"],
                domain=data["domain"],
                visibility=data["visibility"],
                resident=_by_id(members, data["resident"]),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return redirect("residents:journal", household_id=household_id)
    status = 400 if form.errors else 200
    return render(
        request, "residents/journal/document_form.html", {"form": form, "household_id": household_id}, status=status
    )


@login_required
@access_denied_as_403
@require_GET
def document_download(request: HttpRequest, household_id: int, document_id: int) -> HttpResponse:
    """The stored file, as an attachment under its sanitised name, after the access check; the read is logged."""
    access = household_access_check(user=request.user, household_id=household_id, purpose=HOUSEHOLD_FILE)
    try:
        document = journal_selectors.document_get(access=access, document_id=document_id)
    except Document.DoesNotExist:
        raise Http404 from None
    journal_selectors.journal_read_log(access=access, entries=[document])
    try:
        handle = journal_services.document_open(document)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def journal_block(file) -> HouseholdBlock | None:
    """The household page's journal block: the latest notes and documents the viewer may see, and the actions to
    add one. Two queries whatever the household's size or history."""
    access = file.access
    notes = list(journal_selectors.notes_visible(access=access)[:BLOCK_SIZE])
    documents = list(journal_selectors.documents_visible(access=access)[:BLOCK_SIZE])
    user = access.user
    may_write = access.basis != "resident" and user.has_perm("residents.keep_journal")
    if not notes and not documents and not may_write:
        return None
    journal_selectors.journal_read_log(
        access=access, entries=[*notes, *documents], members=[row.resident for row in file.members]
    )
    household_id = file.household.pk
    actions = ()
    if may_write:
        actions = (
            HouseholdAction(_lazy("Notitie vastleggen"), reverse("residents:note_create", args=[household_id])),
            HouseholdAction(_lazy("Document toevoegen"), reverse("residents:document_upload", args=[household_id])),
        )
    return HouseholdBlock(
        key="journal",
        title=_lazy("Journaal"),
        template="residents/journal/household_journal.html",
        context={"notes": notes, "documents": documents, "household_id": household_id},
        url=reverse("residents:journal", args=[household_id]),
        domain=Domain.GENERAL,
        actions=actions,
    )
