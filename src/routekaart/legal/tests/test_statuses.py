from routekaart.legal.models import (
    OPEN_OBJECTION_STATUSES,
    OPEN_STAFF_COMPLAINT_STATUSES,
    ObjectionStatus,
    StaffComplaintStatus,
)


def test_open_objection_statuses_are_every_status_but_the_two_endings():
    assert set(OPEN_OBJECTION_STATUSES) == set(ObjectionStatus.values) - {"decided", "withdrawn"}


def test_open_complaint_statuses_are_every_status_but_the_two_endings():
    assert set(OPEN_STAFF_COMPLAINT_STATUSES) == set(StaffComplaintStatus.values) - {"decided", "withdrawn"}
