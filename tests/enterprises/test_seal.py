"""A certification body's seal image: uploaded in the admin, re-encoded, on certificates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw
from pypdf import PdfReader

from accounts.roles import Role
from enterprises.seals import SEAL_MAX_PIXELS, reencode_seal
from tests.factories import CertificationBodyFactory, user_with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

PAYLOAD = b"<script>alert(1)</script>"


def _seal_upload(kind="PNG", size=900) -> SimpleUploadedFile:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((20, 20, size - 20, size - 20), outline="#c62828", width=24)
    buffer = io.BytesIO()
    (image if kind == "PNG" else image.convert("RGB")).save(buffer, format=kind)
    name = "seal.png" if kind == "PNG" else "seal.jpg"
    return SimpleUploadedFile(name, buffer.getvalue() + PAYLOAD)


def _change(client, body, seal):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("admin:enterprises_certificationbody_change", args=[body.pk])
    data = {
        "name": body.name,
        "credit_code": body.credit_code,
        "approval_number": body.approval_number,
        "is_accredited": "on",
        "seal": seal,
    }
    return client.post(url, data)


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_admin_seal_upload_is_stored_reencoded_as_small_png(client, kind):
    body = CertificationBodyFactory()
    assert _change(client, body, _seal_upload(kind)).status_code == 302
    body.refresh_from_db()
    stored = body.seal.open("rb").read()
    assert PAYLOAD not in stored  # only the pixels were kept
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and max(image.size) <= SEAL_MAX_PIXELS


def test_admin_seal_upload_refuses_a_file_that_is_no_image(client):
    body = CertificationBodyFactory()
    fake = SimpleUploadedFile("seal.png", b"%PDF-1.7\n" + PAYLOAD)
    response = _change(client, body, fake)
    assert response.status_code == 200
    body.refresh_from_db()
    assert not body.seal


def test_certificate_prints_the_bodys_uploaded_seal_instead_of_the_placeholder():
    from certificates.rendering import certificate_html

    body = CertificationBodyFactory()
    body.seal.save("seal.png", reencode_seal(_seal_upload()))
    certificate = issued_certificate(certification_body=body)
    html = certificate_html(certificate)
    assert '<img class="seal" src="data:image/png;base64,' in html
    assert '<svg class="seal"' not in html
    assert certificate.pdf.size <= 200 * 1024
    reader = PdfReader(certificate.pdf.open("rb"))
    assert len(reader.pages) == 1
    images = [
        name
        for name, xobject in reader.pages[0]["/Resources"]["/XObject"].items()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert images  # the seal, embedded as an image
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert len({name.split("+")[-1] for name in fonts}) == 1, fonts
