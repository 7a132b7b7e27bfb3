"""Who may download an application's evidence: the permission table, by role."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from certification.enums import Action
from tests.factories import user_with_role
from tests.factories.certification import (
    PDF_BYTES,
    ApplicationFactory,
    advance,
    pdf_upload,
    reviewer_for,
)

pytestmark = pytest.mark.django_db


def _user(kind, application):
    if kind == "owner":
        return application.created_by
    if kind == "other_enterprise":
        return user_with_role(Role.ENTERPRISE_USER)
    if kind == "assigned_reviewer":
        return reviewer_for(application)
    if kind == "conflicted_reviewer":
        user = reviewer_for(application)
        user.conflicts.create(enterprise=application.enterprise, reason="亲属任职")
        return user
    if kind == "other_body_reviewer":
        return user_with_role(Role.REVIEWER)
    if kind == "supervisor":
        return user_with_role(Role.SUPERVISOR)
    if kind == "provincial_admin":
        return user_with_role(Role.PROVINCIAL_ADMIN)
    if kind == "county_official":
        return user_with_role(Role.COUNTY_OFFICIAL, county=application.enterprise.division)
    return None


TABLE = [
    ("owner", 200),
    ("other_enterprise", 404),
    ("assigned_reviewer", 200),
    ("conflicted_reviewer", 404),
    ("other_body_reviewer", 404),
    ("supervisor", 200),
    ("provincial_admin", 200),
    ("county_official", 404),
    ("anonymous", 302),
]


@pytest.mark.parametrize(("kind", "status"), TABLE)
def test_document_download_permission_table(client, kind, status):
    application = advance(ApplicationFactory(), Action.SUBMIT)
    document = application.documents.first()
    user = _user(kind, application)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("certification:document_download", args=[document.pk]))
    assert response.status_code == status
    if status == 302:
        assert reverse("accounts:login") in response["Location"]
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == PDF_BYTES


def test_document_download_of_unknown_document_is_404(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.get(reverse("certification:document_download", args=[999999]))
    assert response.status_code == 404


def test_document_download_keeps_the_original_name(client):
    application = ApplicationFactory()
    client.force_login(application.created_by)
    client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": "business_license", "file": pdf_upload("营业执照.pdf")},
    )
    document = application.documents.get()
    response = client.get(reverse("certification:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert (
        "filename*=utf-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf"
        in response["Content-Disposition"]
    )
