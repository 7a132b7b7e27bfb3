"""Certificate numbers as people type them: full-width, other dashes, spaces, lower case,
no hyphens — the search form, the verification page and the API all find the certificate."""

import pytest
from django.urls import reverse

from certificates.selectors import normalize_number
from certificates.signing import sign_number
from tests.factories.certificates import issued_certificate

NUMBER = "JXGE-2026-360734-0001"


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    "typed",
    [
        NUMBER,
        NUMBER.lower(),
        f"  {NUMBER}\t",
        _full_width(NUMBER),  # ＪＸＧＥ－２０２６－…
        NUMBER.replace("-", "－"),  # full-width hyphen only
        NUMBER.replace("-", "—"),  # em dash
        NUMBER.replace("-", "–"),  # en dash
        NUMBER.replace("-", "‐"),  # Unicode hyphen
        NUMBER.replace("-", "−"),  # minus sign
        NUMBER.replace("-", "ー"),  # katakana prolonged mark, from Japanese-style IMEs
        NUMBER.replace("-", ""),  # no hyphens
        NUMBER.replace("-", " "),  # spaces instead
        "jxge2026 360734-0001",  # a mix
        "ＪＸＧＥ２０２６３６０７３４０００１",  # full-width, no hyphens
    ],
)
def test_normalize_number_accepts_what_people_type(typed):
    assert normalize_number(typed) == NUMBER


def test_normalize_number_keeps_a_longer_sequence():
    assert normalize_number("JXGE2026360734123456") == "JXGE-2026-360734-123456"


@pytest.mark.parametrize("typed", ["", "ABC", "JXGE-2026", "JXGE2026"])
def test_normalize_number_leaves_what_it_cannot_read(typed):
    assert normalize_number(typed) == typed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    ["jxge2026360734-0001", "ＪＸＧＥ－２０２６－３６０７３４－０００１", "JXGE 2026 360734 0001"],
)
def test_verify_search_finds_the_certificate_from_a_typed_variant(client, typed):
    certificate = issued_certificate()
    typed = typed.replace("JXGE", "JXGE").replace("360734", certificate.number.split("-")[2])
    typed = _variant_of(certificate.number, typed)
    response = client.get(reverse("certificates:verify_search"), {"number": typed})
    assert response.status_code == 302
    assert response.url == reverse("certificates:verify", args=[certificate.number])
    assert client.get(response.url).status_code == 200


def _variant_of(number: str, style: str) -> str:
    """`number` written in the style of `style` (one of the three examples above)."""
    if style.startswith("ＪＸＧＥ"):
        return _full_width(number).replace("－", "－")
    if " " in style:
        return number.replace("-", " ")
    return number.lower().replace("-", "", 2)


@pytest.mark.django_db
def test_verify_page_from_a_typed_variant_checks_the_signature_of_the_issued_number(client):
    certificate = issued_certificate()
    signature = sign_number(certificate.number)
    typed = _full_width(certificate.number.lower().replace("-", ""))
    page = client.get(reverse("certificates:verify", args=[typed]), {"s": signature})
    assert page.status_code == 200
    html = page.content.decode()
    assert certificate.number in html
    assert 'data-signature="valid"' in html


@pytest.mark.django_db
def test_verify_api_finds_the_certificate_from_a_typed_variant(client):
    certificate = issued_certificate()
    typed = _full_width(certificate.number).replace("－", "—")
    response = client.get(f"/api/v1/certificates/{typed}/")
    assert response.status_code == 200
    assert response.json()["number"] == certificate.number


@pytest.mark.django_db
def test_verify_page_unknown_number_is_still_404(client):
    issued_certificate()
    response = client.get(reverse("certificates:verify", args=["JXGE-1999-360734-9999"]))
    assert response.status_code == 404
