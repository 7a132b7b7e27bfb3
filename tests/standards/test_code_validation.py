import pytest
from django.core.exceptions import ValidationError

from standards.enums import StandardType
from standards.validators import GENERAL_REQUIREMENT_CODE, normalize_code, validate_code_for_type
from tests.factories import StandardFactory

VALID = [
    (StandardType.LOCAL, "DB36/T 1234-2023"),
    (StandardType.LOCAL, "DB36/T 1234.2-2023"),
    (StandardType.GROUP, "T/ABC 001-2023"),
    (StandardType.GROUP, "T/JXGE 012-2024"),
    (StandardType.ENTERPRISE, "Q/ABC 001-2023"),
    (StandardType.ENTERPRISE, "Q/XWGY 003S-2022"),
    (StandardType.GENERAL, GENERAL_REQUIREMENT_CODE),
]

INVALID = [
    (StandardType.LOCAL, "T/ABC 001-2023"),  # a group code for a local standard
    (StandardType.LOCAL, "DB36 1234-2023"),  # missing /T
    (StandardType.LOCAL, "DB36/T 1234"),  # missing year
    (StandardType.GROUP, "Q/ABC 001-2023"),
    (StandardType.GROUP, "T/ 001-2023"),
    (StandardType.GROUP, "T/ABC 001-23"),
    (StandardType.ENTERPRISE, "DB36/T 1234-2023"),
    (StandardType.ENTERPRISE, "Q/ABC-2023"),
    (StandardType.GENERAL, "T/ABC 001-2023"),
    (StandardType.GENERAL, "《品牌评价通用要求》"),
]


@pytest.mark.parametrize(("standard_type", "code"), VALID)
def test_code_valid_for_its_type_is_accepted(standard_type, code):
    validate_code_for_type(code, standard_type)


@pytest.mark.parametrize(("standard_type", "code"), INVALID)
def test_code_malformed_for_its_type_is_refused_with_an_example(standard_type, code):
    with pytest.raises(ValidationError) as raised:
        validate_code_for_type(code, standard_type)
    message = raised.value.messages[0]
    assert str(StandardType(standard_type).label) in message
    assert "应形如" in message


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  db36/t  1234 - 2023 ", "DB36/T 1234-2023"),
        ("T／abc 001－2023", "T/ABC 001-2023"),
        ("《“江西绿色生态”品牌评价通用要求》", GENERAL_REQUIREMENT_CODE),
    ],
)
def test_code_normalization_spells_codes_one_way(raw, normalized):
    assert normalize_code(raw) == normalized


@pytest.mark.django_db
def test_code_malformed_is_refused_on_the_model():
    standard = StandardFactory.build(type=StandardType.LOCAL, code="DB36 1234-2023")
    with pytest.raises(ValidationError) as raised:
        standard.full_clean()
    assert "code" in raised.value.message_dict


@pytest.mark.django_db
def test_code_duplicate_is_refused_with_a_clear_reason():
    StandardFactory(code="T/ABC 001-2023")
    duplicate = StandardFactory.build(code="t/abc  001-2023")
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    assert raised.value.message_dict["code"] == ["该标准编号已存在。"]
