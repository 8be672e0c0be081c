"""The shipped rules, read straight from the data file: the calculations are tested without a database."""

from pathlib import Path

import yaml

from routekaart.participation.calculations import WageSubsidyRules

DATA = Path(__file__).resolve().parents[1] / "data"


def shipped_rules() -> WageSubsidyRules:
    return WageSubsidyRules.from_document(yaml.safe_load((DATA / "wage_subsidy.yaml").read_text(encoding="utf-8")))
