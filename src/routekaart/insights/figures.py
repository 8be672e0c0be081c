"""The registry of exportable figures: each builder takes the filters and gives a `FigureTable`. The export view
looks a figure up by its code, so every figure on a page is downloadable without a view of its own.

A selectors module registers its builders with `@figure("code")`; `figure_modules` lists the modules, imported
when the registry is first used (a module that does not exist yet is skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from .filters import Filters
from .tables import FigureTable

Builder = Callable[[Filters], FigureTable]
_FIGURES: dict[str, Builder] = {}

FIGURE_MODULES = (
    "selectors_flows",
    "selectors_yardsticks",
    "selectors_outcomes",
    "selectors_cost_benefit",
    "selectors_forecasts",
)


def figure(code: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        _FIGURES[code] = builder
        return builder

    return register


def _load() -> None:
    for name in FIGURE_MODULES:
        try:
            import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{name}":
                raise


def figure_builder(code: str) -> Builder | None:
    _load()
    return _FIGURES.get(code)


def figure_codes() -> list[str]:
    _load()
    return sorted(_FIGURES)
