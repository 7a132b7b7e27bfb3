"""The enterprise's certification pages: products, applications, documents, actions."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from brandportal.files import MAX_UPLOAD_BYTES
from certification import services
from certification.enums import Action, ApplicationState, DocumentType
from certification.models import Application, ApplicationDocument, Product
from standards.enums import StandardState
from standards.models import ProductCategory
from tests.factories import CertificationBodyFactory, county, user_with_role
from tests.factories.certification import (
    PDF_BYTES,
    ApplicationFactory,
    ProductFactory,
    ScoredStandardFactory,
    add_required_documents,
    advance,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def application():
    return ApplicationFactory()


@pytest.fixture
def owner(application):
    return application.created_by


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def _transition(client, application, action, expected_state=None, comment=""):
    return client.post(
        reverse("certification:application_transition", args=[application.pk]),
        {
            "action": action,
            "expected_state": expected_state or application.state,
            "comment": comment,
        },
        follow=True,
    )


# --- products ------------------------------------------------------------------------


def test_product_create_for_own_enterprise(client):
    user = user_with_role(Role.ENTERPRISE_USER)
    client.force_login(user)
    category = ProductCategory.objects.filter(parent__isnull=False).first()
    response = client.post(
        reverse("certification:product_create"),
        {
            "name": "寻乌富硒脐橙",
            "category": category.pk,
            "trademark": "绿源",
            "description": "高山果园",
            "site_address": "寻乌县长宁镇果园路8号",
            "site_division": county().pk,
        },
    )
    assert response.status_code == 302
    product = Product.objects.get(name="寻乌富硒脐橙")
    assert product.enterprise_id == user.enterprise_id
    listing = client.get(reverse("certification:product_list")).content.decode()
    assert "寻乌富硒脐橙" in listing


def test_product_create_duplicate_name_is_a_field_error(client):
    product = ProductFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    client.force_login(user)
    response = client.post(
        reverse("certification:product_create"),
        {
            "name": product.name,
            "category": product.category_id,
            "site_address": "某地",
            "site_division": county().pk,
        },
    )
    assert response.status_code == 200
    assert "本企业已有同名产品。" in response.context["form"].errors["name"]
    assert Product.objects.filter(name=product.name).count() == 1


def test_product_photo_of_wrong_type_is_refused(client):
    user = user_with_role(Role.ENTERPRISE_USER)
    client.force_login(user)
    category = ProductCategory.objects.filter(parent__isnull=False).first()
    response = client.post(
        reverse("certification:product_create"),
        {
            "name": "带照片的产品",
            "category": category.pk,
            "site_address": "某地",
            "site_division": county().pk,
            "photo": pdf_upload("photo.png"),
        },
    )
    assert response.status_code == 200
    assert "文件类型不符" in response.context["form"].errors["photo"][0]
    assert not Product.objects.filter(name="带照片的产品").exists()


def test_product_edit_changes_own_product(client):
    product = ProductFactory()
    client.force_login(user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise))
    response = client.post(
        reverse("certification:product_edit", args=[product.pk]),
        {
            "name": "改名后的产品",
            "category": product.category_id,
            "site_address": product.site_address,
            "site_division": product.site_division_id,
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "改名后的产品"


def test_product_of_another_enterprise_is_404(client):
    product = ProductFactory()
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    response = client.get(reverse("certification:product_edit", args=[product.pk]))
    assert response.status_code == 404


# --- applications --------------------------------------------------------------------


def test_application_create_makes_a_draft(client):
    product = ProductFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    standard = ScoredStandardFactory()
    body = CertificationBodyFactory()
    client.force_login(user)
    response = client.post(
        reverse("certification:application_create"),
        {"product": product.pk, "standard": standard.pk, "certification_body": body.pk},
    )
    application = Application.objects.get(product=product)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "certification:application_detail", args=[application.pk]
    )
    assert application.state == ApplicationState.DRAFT
    assert application.created_by == user


def test_application_create_offers_only_published_standards_and_own_products(client):
    product = ProductFactory()
    other_product = ProductFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    draft_standard = ScoredStandardFactory(state=StandardState.DRAFTING)
    client.force_login(user)
    response = client.post(
        reverse("certification:application_create"),
        {
            "product": other_product.pk,
            "standard": draft_standard.pk,
            "certification_body": CertificationBodyFactory().pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "product" in errors and "standard" in errors
    assert not Application.objects.exists()


def test_application_list_shows_own_applications_with_state_badges(owner_client, application):
    other = ApplicationFactory()
    html = owner_client.get(reverse("certification:application_list")).content.decode()
    assert application.reference in html
    assert other.reference not in html
    assert 'class="badge state-draft"' in html
    assert "草稿" in html


def test_application_detail_lists_the_required_documents(owner_client, application):
    html = owner_client.get(
        reverse("certification:application_detail", args=[application.pk])
    ).content.decode()
    assert "营业执照（未上传）" in html
    assert "产品检测报告（未上传）" in html
    assert 'data-action="submit"' in html


def test_submit_with_missing_documents_lists_them(owner_client, application):
    response = _transition(owner_client, application, Action.SUBMIT)
    assert "缺少必备材料：营业执照、产品检测报告。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_submit_with_documents_moves_to_submitted(owner_client, application):
    add_required_documents(application)
    response = _transition(owner_client, application, Action.SUBMIT)
    assert "已提交申请。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_stale_expected_state_gives_the_conflict_message(owner_client, application):
    add_required_documents(application)
    response = _transition(
        owner_client, application, Action.WITHDRAW, expected_state=ApplicationState.SUBMITTED
    )
    assert "此申请已被他人处理，请刷新后重试" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_illegal_transition_shows_an_error(owner_client, application):
    response = _transition(owner_client, application, Action.RESUBMIT)
    assert "当前状态“草稿”下不能执行“补正后重新提交”。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_reviewer_action_cannot_be_posted_from_the_enterprise_page(owner_client, application):
    application = advance(application, Action.SUBMIT)
    response = _transition(owner_client, application, Action.ACCEPT)
    assert "无效的操作。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_needs_changes_shows_the_request_and_resubmit_takes_a_comment(owner_client, application):
    application = advance(
        application, Action.SUBMIT, Action.ACCEPT, Action.REQUEST_CHANGES, comment="请补充检测报告"
    )
    html = owner_client.get(
        reverse("certification:application_detail", args=[application.pk])
    ).content.decode()
    assert "评价机构要求补正" in html
    assert "请补充检测报告" in html
    assert 'name="comment"' in html
    response = _transition(owner_client, application, Action.RESUBMIT, comment="已补充最新报告")
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    assert application.log_entries.last().comment == "已补充最新报告"
    assert "已补正后重新提交。" in _messages(response)


def test_edit_in_draft_changes_the_note(owner_client, application):
    response = owner_client.post(
        reverse("certification:application_edit", args=[application.pk]),
        {
            "standard": application.standard_id,
            "certification_body": application.certification_body_id,
            "recognised_brands_note": "已获圳品认证",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.recognised_brands_note == "已获圳品认证"


def test_edit_outside_draft_is_refused(owner_client, application):
    application = advance(application, Action.SUBMIT)
    response = owner_client.post(
        reverse("certification:application_edit", args=[application.pk]),
        {"recognised_brands_note": "篡改"},
        follow=True,
    )
    assert "申请当前状态下不能修改。" in _messages(response)
    application.refresh_from_db()
    assert application.recognised_brands_note == ""


def test_another_enterprises_application_is_404(client, application):
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    for name in ("application_detail", "application_edit"):
        assert (
            client.get(reverse(f"certification:{name}", args=[application.pk])).status_code == 404
        )
    response = client.post(
        reverse("certification:application_transition", args=[application.pk]),
        {"action": "withdraw", "expected_state": "draft"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": DocumentType.OTHER, "file": pdf_upload()},
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert not application.documents.exists()


def test_anonymous_is_sent_to_login(client, application):
    response = client.get(reverse("certification:application_detail", args=[application.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- documents -----------------------------------------------------------------------


def test_upload_stores_the_document(owner_client, application):
    response = owner_client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": DocumentType.BUSINESS_LICENSE, "file": pdf_upload("执照.pdf")},
    )
    assert response.status_code == 302
    document = application.documents.get()
    assert document.document_type == DocumentType.BUSINESS_LICENSE
    assert document.original_name == "执照.pdf"
    assert document.content_kind == "pdf"
    assert document.file.read() == PDF_BYTES


def test_upload_of_wrong_type_is_a_field_error_and_stores_nothing(
    owner_client, application, settings
):
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = owner_client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": DocumentType.TEST_REPORT, "file": fake},
    )
    assert response.status_code == 400
    errors = response.context["upload_form"].errors["file"]
    assert errors == ["文件类型不符：只接受 PDF、JPEG、PNG 文件（按文件内容识别，而非文件名）。"]
    assert 'id="id_file_errors"' in response.content.decode()
    assert not application.documents.exists()
    assert not list(settings.PRIVATE_MEDIA_ROOT.rglob("*.*"))


def test_upload_oversize_is_a_field_error(owner_client, application):
    big = pdf_upload("big.pdf", PDF_BYTES + b"0" * MAX_UPLOAD_BYTES)
    response = owner_client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": DocumentType.TEST_REPORT, "file": big},
    )
    assert response.status_code == 400
    assert response.context["upload_form"].errors["file"][0].startswith("文件过大")
    assert not application.documents.exists()


def test_upload_after_submission_is_refused(owner_client, application):
    application = advance(application, Action.SUBMIT)
    response = owner_client.post(
        reverse("certification:document_upload", args=[application.pk]),
        {"document_type": DocumentType.OTHER, "file": pdf_upload()},
        follow=True,
    )
    assert "申请当前状态下不能修改材料。" in _messages(response)
    assert not application.documents.filter(document_type=DocumentType.OTHER).exists()


def test_delete_own_document_while_draft(
    owner_client, application, settings, django_capture_on_commit_callbacks
):
    add_required_documents(application)
    document = application.documents.first()
    name = document.file.name
    assert (settings.PRIVATE_MEDIA_ROOT / name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(reverse("certification:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert not ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert not (settings.PRIVATE_MEDIA_ROOT / name).exists()


def test_delete_after_submission_is_refused(owner_client, application):
    application = advance(application, Action.SUBMIT)
    document = application.documents.first()
    response = owner_client.post(
        reverse("certification:document_delete", args=[document.pk]), follow=True
    )
    assert "申请当前状态下不能删除材料。" in _messages(response)
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()


def test_delete_of_another_enterprises_document_is_404(client, application):
    add_required_documents(application)
    document = application.documents.first()
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    response = client.post(reverse("certification:document_delete", args=[document.pk]))
    assert response.status_code == 404
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()


# --- renewal -------------------------------------------------------------------------


def test_renewal_prefills_a_new_draft_linked_to_the_certified_one(owner_client, application):
    certified = advance(application, Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
    html = owner_client.get(
        reverse("certification:application_detail", args=[certified.pk])
    ).content.decode()
    assert "申请续期" in html
    url = reverse("certification:application_create") + f"?renewal_of={certified.pk}"
    form = owner_client.get(url).context["form"]
    assert form.initial["product"] == certified.product_id
    response = owner_client.post(
        url,
        {
            "product": certified.product_id,
            "standard": certified.standard_id,
            "certification_body": certified.certification_body_id,
            "renewal_of": certified.pk,
        },
    )
    assert response.status_code == 302
    renewal = Application.objects.exclude(pk=certified.pk).get()
    assert renewal.renewal_of == certified
    assert renewal.state == ApplicationState.DRAFT


def test_renewal_of_a_draft_is_404(owner_client, application):
    url = reverse("certification:application_create") + f"?renewal_of={application.pk}"
    assert owner_client.get(url).status_code == 404


def test_services_refuse_editing_directly_outside_draft(application):
    application = advance(application, Action.SUBMIT)
    with pytest.raises(services.ConditionsNotMet):
        services.application_update(
            application=application, user=application.created_by, recognised_brands_note="x"
        )


# --- query counts --------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_application_list_queries_do_not_grow_with_the_list(owner_client, application):
    url = reverse("certification:application_list")
    one = _queries(owner_client, url)
    for _ in range(5):
        ApplicationFactory(
            product=ProductFactory(enterprise=application.enterprise),
            created_by=application.created_by,
        )
    assert _queries(owner_client, url) == one


def test_application_detail_queries_do_not_grow_with_documents(owner_client, application):
    application = advance(application, Action.SUBMIT, Action.ACCEPT, Action.REQUEST_CHANGES)
    url = reverse("certification:application_detail", args=[application.pk])
    one = _queries(owner_client, url)
    add_required_documents(application)
    add_required_documents(application)
    assert _queries(owner_client, url) == one
