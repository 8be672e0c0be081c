"""The satisfaction survey's numbers and questions, read from data/survey.yaml at import (versioned data, not code):
when it is sent, how long it runs, the smallest group whose results are shown, and the questions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PATH = Path(__file__).parent / "data" / "survey.yaml"


@dataclass(frozen=True)
class Question:
    code: str
    text: str


@dataclass(frozen=True)
class SurveyConfig:
    version: int
    send_after_days: int
    look_back_days: int
    expire_after_weeks: int
    min_group: int
    questions: tuple[Question, ...]
    comment: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)


@cache
def survey_config() -> SurveyConfig:
    """The survey as data/survey.yaml declares it (read once per process)."""
    document = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    config = SurveyConfig(
        version=int(document["version"]),
        send_after_days=int(document["send_after_days"]),
        look_back_days=int(document["look_back_days"]),
        expire_after_weeks=int(document["expire_after_weeks"]),
        min_group=int(document["min_group"]),
        questions=tuple(Question(str(q["code"]), str(q["text"])) for q in document["questions"]),
        comment=str(document["comment"]),
    )
    if not 4 <= len(config.questions) <= 5 or len(set(config.codes)) != len(config.codes):
        raise ValueError("survey.yaml: 4 or 5 questions, each with its own code")
    return config


SCORES = range(1, 6)  # 1 (slecht) to 5 (heel goed)
