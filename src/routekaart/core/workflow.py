"""One way to declare which steps a thing may take between its states, and to refuse the others.

Each app declares its machine once (its `workflow.py`) and moves a status only through `check`, so an illegal
step is refused the same way everywhere: a Dutch `ValidationError`, nothing changed. A step maps each state it
may start from to the state it leads to (the same state for a step that changes nothing of the status, several
states where the caller chooses, e.g. granted or refused). Machines whose steps are just "go to that state" are
built with `StateMachine.from_targets`, from `{current: allowed targets}`.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

DEFAULT_MESSAGE = _("Van “%(current)s” kan dit niet naar “%(target)s”.")


class StateMachine:
    """The steps between the states of one TextChoices enum; `check` moves, or refuses with a Dutch message."""

    def __init__(
        self,
        states: type[TextChoices],
        steps: Mapping[str, Mapping[str, str | Iterable[str]]],
        *,
        message: Any = DEFAULT_MESSAGE,
        messages: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> None:
        self.states = states
        self.steps: dict[str, dict[str, frozenset[str]]] = {
            step: {
                source: frozenset({target} if isinstance(target, str) else target) for source, target in sources.items()
            }
            for step, sources in steps.items()
        }
        unknown = {
            state
            for sources in self.steps.values()
            for source, targets in sources.items()
            for state in (source, *targets)
            if state not in states.values
        }
        if unknown:
            raise ValueError(f"States not in {states.__name__}: {sorted(unknown)}")
        self.message = message
        self.messages = dict(messages or {})
        self.field = field

    @classmethod
    def from_targets(
        cls, states: type[TextChoices], targets: Mapping[str, Iterable[str]], **options: Any
    ) -> "StateMachine":
        """A machine whose steps are named by the state they lead to, from `{current: allowed targets}`."""
        steps: dict[str, dict[str, str]] = {str(state): {} for state in states.values}
        for source, allowed in targets.items():
            for target in allowed:
                steps[str(target)][str(source)] = str(target)
        return cls(states, steps, **options)

    def allowed(self, current: str) -> list[str]:
        """The steps that may be taken from `current`, in the order they were declared."""
        return [step for step, sources in self.steps.items() if current in sources]

    def can(self, current: str, step: str) -> bool:
        return current in self.steps[step]

    def refusal(self, current: str, step: str, target: str | None = None, **context: Any) -> str:
        """The Dutch message for refusing `step` from `current`; `context` fills the machine's own placeholders."""
        template = self.messages.get(step, self.message)
        if target is None:
            targets = {t for ts in self.steps[step].values() for t in ts}
            target = next(iter(targets)) if len(targets) == 1 else (step if step in self.states.values else None)
        values = {
            "current": self._label(current),
            "target": self._label(target) if target is not None else step,
            **context,
        }
        return str(template) % values

    def check(self, current: str, step: str, target: str | None = None, **context: Any) -> str:
        """Return the state `step` leads to from `current` (`target` where it may lead to several); refuse if not
        allowed. Nothing is changed here: the caller assigns the result."""
        if step not in self.steps:
            raise KeyError(step)
        targets = self.steps[step].get(current)
        if targets is None or (target is not None and target not in targets):
            message = self.refusal(current, step, target, **context)
            raise ValidationError({self.field: message} if self.field else message)
        if target is None:
            if len(targets) != 1:
                raise ValueError(f"Step {step!r} from {current!r} leads to several states; name the target.")
            (target,) = targets
        return target

    def _label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return str(state)
