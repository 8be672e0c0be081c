"""The tables of the bottom layer: only what no app owns (the API's idempotency keys, core.idempotency)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .limits import Range, happened, within

HTTP_STATUS = Range(100, 599)


class IdempotencyKey(models.Model):
    """A client's `Idempotency-Key` on an API write, with the first answer to it, kept for a day.

    Written in the same transaction as the write it answers: after a crash there is either both or neither.
    `status` is empty only inside that transaction, while the answer is being made.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)  # sha256 of method, path and body
    status = models.PositiveSmallIntegerField(null=True, blank=True, validators=within(HTTP_STATUS))
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(default=b"", blank=True)
    created = models.DateTimeField(default=timezone.now, validators=happened(), db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_key_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.status}"
