"""The legal app's actions, one module per aggregate: objections and default notices (`objections`), appeals
(`appeals`); conduct complaints, surveys and enforcement have their own modules, imported from there directly."""

from .appeals import appeal_judgment, appeal_register, appeal_update, objection_involvements_close
from .objections import (
    decision_for_objection,
    default_notice_register,
    default_penalty_settle,
    hearing_plan,
    hearing_record,
    hearing_waive,
    objection_acknowledge,
    objection_advise,
    objection_assign,
    objection_complete,
    objection_decide,
    objection_extend,
    objection_informal_contact,
    objection_late_judge,
    objection_postpone,
    objection_register,
    objection_register_by_reference,
    objection_withdraw,
)

__all__ = [
    "appeal_judgment",
    "appeal_register",
    "appeal_update",
    "decision_for_objection",
    "default_notice_register",
    "default_penalty_settle",
    "hearing_plan",
    "hearing_record",
    "hearing_waive",
    "objection_acknowledge",
    "objection_advise",
    "objection_assign",
    "objection_complete",
    "objection_decide",
    "objection_extend",
    "objection_informal_contact",
    "objection_involvements_close",
    "objection_late_judge",
    "objection_postpone",
    "objection_register",
    "objection_register_by_reference",
    "objection_withdraw",
]
