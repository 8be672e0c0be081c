"""A legal-numbers file is refused unless it has a version, an effective date and a value and a source per number."""

import pytest

from routekaart.core.legal_numbers import LegalNumbers, LegalNumbersError

GOOD = """\
version: "2026.1"
effective_from: 2018-05-25
numbers:
  consent_min_age: {value: 16, unit: years, source: "AVG art. 8 / UAVG art. 5"}
"""


def numbers_from(tmp_path, text: str) -> LegalNumbers:
    path = tmp_path / "legal_numbers.yaml"
    path.write_text(text, encoding="utf-8")
    return LegalNumbers(path)


def test_a_complete_file_gives_each_number_with_its_source(tmp_path):
    numbers = numbers_from(tmp_path, GOOD)
    assert numbers.value("consent_min_age") == 16
    assert numbers.source("consent_min_age") == "AVG art. 8 / UAVG art. 5"
    assert numbers.version == "2026.1" and numbers.effective_from.isoformat() == "2018-05-25"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace('version: "2026.1"\n', ""), "'version' ontbreekt"),
        (GOOD.replace("effective_from: 2018-05-25", "effective_from: soon"), "'effective_from' is geen datum"),
        (GOOD.replace(', source: "AVG art. 8 / UAVG art. 5"', ""), "consent_min_age heeft geen bron"),
        (GOOD.replace("value: 16", 'value: "16"'), "consent_min_age heeft geen getal als waarde"),
        (GOOD.replace("value: 16", "value: true"), "consent_min_age heeft geen waarde"),
    ],
)
def test_an_incomplete_file_is_refused(tmp_path, broken, message):
    with pytest.raises(LegalNumbersError, match=message):
        numbers_from(tmp_path, broken).value("consent_min_age")
