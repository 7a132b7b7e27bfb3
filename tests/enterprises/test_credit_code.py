import pytest
from django.core.exceptions import ValidationError

from enterprises.validators import credit_code_check_character, validate_credit_code


def test_credit_code_valid_example_from_the_standard_passes():
    validate_credit_code("91440300708461136T")


def test_credit_code_lowercase_is_accepted_as_uppercase():
    validate_credit_code("91440300708461136t")


def test_credit_code_check_character_of_known_code():
    assert credit_code_check_character("91440300708461136") == "T"


@pytest.mark.parametrize("code", ["", "9144030070846113", "91440300708461136TT"])
def test_credit_code_wrong_length_names_the_length(code):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == "length"
    assert "18位" in str(error.value.messages[0])
    assert f"当前为{len(code)}位" in error.value.messages[0]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_credit_code_forbidden_letter_is_named(letter):
    code = "91440300708461136T"
    code = code[:8] + letter + code[9:]
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == "alphabet"
    assert letter in error.value.messages[0]
    assert "不允许的字符" in error.value.messages[0]


def test_credit_code_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91440300708461136A")
    assert error.value.code == "checksum"
    assert "第18位应为T" in error.value.messages[0]
    assert "而不是A" in error.value.messages[0]
