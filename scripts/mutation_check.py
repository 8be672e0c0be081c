"""Break each central rule by hand, run the tests that should guard it, and restore the code.

A rule is guarded when its tests fail while it is broken. Run from the repository root:
`.venv/bin/python scripts/mutation_check.py` (about five minutes; every file is restored, also on Ctrl-C).
The results are recorded in docs/architecture.md.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "src" / "routekaart"


@dataclass(frozen=True)
class Mutation:
    rule: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation(
        rule="The door lets a role process data only for a purpose the register lists it under",
        path="residents/access.py",
        old="if affiliation.role != Role.RESIDENT and affiliation.role in allowed:",
        new="if affiliation.role != Role.RESIDENT:",
        tests=(
            "residents/tests/test_access_needs_involvement_and_domain.py",
            "income/tests/test_only_the_coordinator_reads_the_social_assistance_file.py",
        ),
    ),
    Mutation(
        rule="Consent opens the person it names, not the household",
        path="residents/access.py",
        old="return domain in self.domains or (resident_id, domain) in self.consented",
        new="return domain in self.domains or any(d == domain for _, d in self.consented)",
        tests=("residents/tests/test_consent_opens_only_the_person_it_names.py",),
    ),
    Mutation(
        rule="A status changes only along its state machine",
        path="core/workflow.py",
        old="if targets is None or (target is not None and target not in targets):",
        new="if False:",
        tests=(
            "core/tests/test_one_state_machine_refuses_the_same_way.py",
            "access/tests/test_an_illegal_case_step_is_refused.py",
        ),
    ),
    Mutation(
        rule="One household, one coordinator: a handover ends the present coordinator first",
        path="residents/services.py",
        old="_involvement_end(actor=actor, involvement=present, valid_to=on)\n",
        new="pass\n",
        tests=("access/tests/test_the_household_has_one_coordinator.py",),
    ),
    Mutation(
        rule="A housemate counts as cost sharer from exactly 27 (Participatiewet art. 22a)",
        path="income/calculation.py",
        old="elif person.age < norms.cost_sharer_min_age:",
        new="elif person.age <= norms.cost_sharer_min_age:",
        tests=("income/tests/test_cost_sharer_norm_follows_the_formula.py",),
    ),
    Mutation(
        rule="Every read of a household file is in the processing log",
        path="residents/selectors.py",
        old="    processing_log_read(access=access, residents=residents, domains=shown)\n",
        new="    pass\n",
        tests=("residents/tests/test_a_persons_log_shows_every_read_by_channel.py",),
    ),
)


def _pytest(tests: tuple[str, ...]) -> int:
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider"]
    return subprocess.run([*command, *(str(APP / t) for t in tests)], cwd=ROOT, capture_output=True).returncode


def run(mutation: Mutation) -> bool:
    """True when the tests caught the broken rule: they failed (exit 1), not merely errored."""
    path = APP / mutation.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutation.old) != 1:
        raise SystemExit(f"{mutation.path}: the code to break is not there exactly once; update this script")
    try:
        path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
        return _pytest(mutation.tests) == 1
    finally:
        path.write_text(original, encoding="utf-8")


def main() -> int:
    every_test = tuple(dict.fromkeys(t for m in MUTATIONS for t in m.tests))
    if _pytest(every_test) != 0:
        print("The guarding tests fail on the unbroken code; fix that first.")
        return 2
    missed = 0
    for mutation in MUTATIONS:
        caught = run(mutation)
        missed += not caught
        print(f"{'caught' if caught else 'MISSED'}  {mutation.rule}  ({mutation.path})", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
