"""The payment run's file is a pain.001.001.03 credit transfer that validates against the schema (sepaxml's own
validation), with the run's message id, one batch on the execution date and the same bytes when rebuilt."""

import datetime
from decimal import Decimal

import pytest
from sepaxml.validation import ValidationError, try_valid_xml

from routekaart.income import sepa

CREATED = datetime.datetime(2026, 3, 20, 9, 30, tzinfo=datetime.UTC)
TRANSFERS = [
    sepa.Transfer("NL89RABO3000000000", "J. de Vries", Decimal("1234.56"), "RK202603M1", "Uitkering 03-2026"),
    sepa.Transfer("NL62RABO3000000001", "Ayşe Yılmaz-Öztürk", Decimal("0.01"), "RK202603M2", "Uitkering 03-2026"),  # noqa: RUF001
]


def _file(**kwargs):
    return sepa.credit_transfer_file(
        message_id="RK202603M0123456789abcdef0123",
        created_at=CREATED,
        execution_on=datetime.date(2026, 3, 25),
        transfers=TRANSFERS,
        account=sepa.Debtor("NL02ABNA0123456789", "ABNANL2A", "Dienst Weidebeek"),
        **kwargs,
    )


def test_the_file_validates_against_pain_001_001_03():
    content = _file(validate=False)

    try_valid_xml(content, "pain.001.001.03")  # raises on any schema error
    assert b"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" in content


def test_the_header_counts_the_transactions_and_sums_the_amounts():
    assert sepa.file_totals(_file()) == (2, Decimal("1234.57"))


def test_the_file_carries_the_run_ids_and_the_execution_date():
    content = _file().decode()

    assert "<MsgId>RK202603M0123456789abcdef0123</MsgId>" in content
    assert "<PmtInfId>RK202603M0123456789abcdef0123-1</PmtInfId>" in content
    assert "<ReqdExctnDt>2026-03-25</ReqdExctnDt>" in content
    assert "<EndToEndId>RK202603M2</EndToEndId>" in content
    assert "Aye Ylmaz-Ozturk" in content or "Ayse Yilmaz-Ozturk" in content  # transliterated for the bank


def test_rebuilding_gives_the_same_bytes():
    assert sepa.sha256(_file()) == sepa.sha256(_file())


def test_the_fast_validation_agrees_with_sepaxml_s_own():
    content = _file(validate=False)
    sepa.file_validate(content)
    try_valid_xml(content, "pain.001.001.03")
    broken = content.replace(b"<IBAN>NL89RABO3000000000</IBAN>", b"<IBAN>not an iban</IBAN>")
    with pytest.raises(sepa.FileInvalid):
        sepa.file_validate(broken)
    with pytest.raises(ValidationError):
        try_valid_xml(broken, "pain.001.001.03")


def test_a_file_with_a_broken_account_does_not_validate():
    broken = [sepa.Transfer("not an iban", "X", Decimal("1.00"), "RK1", "x")]
    with pytest.raises(sepa.FileInvalid):
        sepa.credit_transfer_file(
            message_id="RK1",
            created_at=CREATED,
            execution_on=datetime.date(2026, 3, 25),
            transfers=broken,
            account=sepa.Debtor("NL02ABNA0123456789", "ABNANL2A", "Dienst"),
        )
