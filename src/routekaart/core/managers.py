"""Managers every app's models share."""

from django.db import models


class KindManager(models.Manager):
    """The rows of one kind: the manager of a proxy model that stands for one value of its table's `kind` column
    (a Municipality is an Organisation of kind municipality, an ExitRoute a Route of kind exit)."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=self.kind)
