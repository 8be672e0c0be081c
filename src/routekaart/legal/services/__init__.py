"""The legal app's actions, one module per aggregate: objections and default notices (`objections`), appeals
(`appeals`); conduct complaints, surveys and enforcement have their own modules, imported from there directly.

The objection names are listed once, in `objections.__all__`; this package re-exports them as they are."""

from . import objections
from .appeals import appeal_judgment, appeal_register, appeal_update, objection_involvements_close
from .objections import *  # noqa: F403 (the list lives in objections.__all__)

__all__ = [
    *objections.__all__,
    "appeal_judgment",
    "appeal_register",
    "appeal_update",
    "objection_involvements_close",
]
