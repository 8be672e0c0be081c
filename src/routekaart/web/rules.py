"""Functioneel beheer's permissions in the admin: the configuration models, never personal data.

View, add and change; never delete (a loaded version stays). Each model's admin narrows further: most are read only,
since configuration changes by loading a new version of its data file. Not listed, so closed to the role: staff
accounts and affiliations, employers' contact persons, and everything about residents.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

is_functional_admin = has_role(Role.FUNCTIONAL_ADMIN)

CONFIGURATION_MODELS: dict[str, tuple[str, ...]] = {
    "catalog": (
        "zone",
        "cluster",
        "buildingblock",
        "buildingblockversion",
        "steeringassignment",
        "regionpreset",
        "clusterassignment",
        "destination",
        "policyinstrument",
        "lifephase",
        "configurationversion",
    ),
    "access": ("lifedomain", "scalestep", "deadlinerule", "deadlinechangerule", "legalbasis", "policy"),
    "routes": ("routemap", "route", "step", "shelteredworkquota"),
    "work": ("competence", "sector", "postcodearea", "workrules"),
    "organisations": ("organisation", "region"),
}
ACTIONS = ("view", "add", "change")

for _app, _models in CONFIGURATION_MODELS.items():
    rules.add_perm(_app, is_functional_admin)  # the app shows on the admin's index
    for _model in _models:
        for _action in ACTIONS:
            rules.add_perm(f"{_app}.{_action}_{_model}", is_functional_admin)
