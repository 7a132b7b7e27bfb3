from decimal import Decimal

import pytest

from brandportal.numerals import amount_in_capitals


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("20000", "贰万元整"),
        ("50000", "伍万元整"),
        ("10000", "壹万元整"),
        ("10500.50", "壹万零伍佰元伍角"),
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0.55", "伍角伍分"),
        ("0", "零元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("101", "壹佰零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("1.05", "壹元零伍分"),
        ("10.05", "壹拾元零伍分"),
        ("100001", "壹拾万零壹元整"),
        ("1000000", "壹佰万元整"),
        ("10000010", "壹仟万零壹拾元整"),
        ("100000000", "壹亿元整"),
        ("100010000", "壹亿零壹万元整"),
        ("1000000001", "壹拾亿零壹元整"),
        ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
        ("9999999999.99", "玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_amount_in_capitals_matches_finance_usage(amount, expected):
    assert amount_in_capitals(Decimal(amount)) == expected


def test_amount_in_capitals_rounds_half_up_to_the_fen():
    assert amount_in_capitals(Decimal("0.005")) == "壹分"
    assert amount_in_capitals(Decimal("19999.999")) == "贰万元整"


def test_amount_in_capitals_refuses_a_negative_amount():
    with pytest.raises(ValueError, match="negative"):
        amount_in_capitals(Decimal("-1"))


def test_amount_in_capitals_refuses_an_amount_beyond_wan_yi():
    with pytest.raises(ValueError, match="too large"):
        amount_in_capitals(Decimal(10**16))
