"""Every admin object page is closed to whoever the model's list is closed to.

A ModelAdmin asks one question for its list (no object) and another for an object page;
where the second is wider than the first, a role refused the list still opens, say, a
review's scores by its URL. The table: every registered ModelAdmin × every role, over a
world with an object of most models.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from accounts.services import api_token_issue
from certification.enums import Action
from certification.models import ConflictOfInterest, Review
from tests.factories import (
    GovernmentUnitFactory,
    PilotTaskFactory,
    ProvincialTaskFactory,
    UserFactory,
    user_with_role,
)
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, advance, reviewer_for
from tests.factories.directory import webhook_client
from tests.factories.promotion import ArticleFactory, CultivationEntryFactory, PurchaseLinkFactory
from tests.factories.supervision import CaseFactory, CitationFactory, plan

pytestmark = pytest.mark.django_db

ROLES = ["superuser", *Role]


@pytest.fixture
def world():
    """Objects of most registered models, all in 寻乌县 (the county official's county)."""
    certificate = issued_certificate()
    application = certificate.application
    under_review = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT)
    ConflictOfInterest.objects.create(
        reviewer=reviewer_for(under_review), enterprise=application.enterprise, reason="亲属任职"
    )
    CitationFactory(application=application)
    CaseFactory()
    plan()
    PilotTaskFactory()
    GovernmentUnitFactory()
    api_token_issue(user=application.created_by)
    ProvincialTaskFactory()
    ArticleFactory()
    CultivationEntryFactory()
    PurchaseLinkFactory(product=application.product)
    webhook_client("https://example.com/hook", ["certificate.issued"])
    return {"application": application, "under_review": under_review}


def actor(role, world):
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role == Role.ENTERPRISE_USER:
        return user_with_role(role, enterprise=world["application"].enterprise)
    if role == Role.REVIEWER:
        return reviewer_for(world["under_review"])
    return user_with_role(role)


def reachable_objects(model_admin, request) -> list:
    """The objects whose change, history or delete page `request.user` may open."""
    reachable = []
    for obj in model_admin.model._default_manager.all()[:50]:
        found = model_admin.get_object(request, str(obj.pk))
        if found is not None and (
            model_admin.has_view_or_change_permission(request, found)
            or model_admin.has_delete_permission(request, found)
        ):
            reachable.append(obj)
    return reachable


@pytest.mark.parametrize("role", ROLES)
def test_admin_object_pages_are_closed_where_the_list_is_closed(world, role):
    request = RequestFactory().get("/admin/")
    request.user = actor(role, world)
    leaks, covered = [], 0
    if not admin.site.has_permission(request):
        assert role == Role.ENTERPRISE_USER  # the site itself sends them to its login
        return
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_or_change_permission(request):
            continue
        covered += model._default_manager.exists()
        reachable = reachable_objects(model_admin, request)
        if reachable:
            leaks.append(f"{model._meta.label}: {reachable[:3]}")
    assert leaks == [], "\n".join(leaks)
    assert covered or role == "superuser"


def test_admin_review_page_is_closed_to_a_county_official(client, world):
    review = Review.objects.filter(application=world["application"]).first()
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL))
    assert client.get(reverse("admin:certification_review_changelist")).status_code == 403
    response = client.get(reverse("admin:certification_review_change", args=[review.pk]))
    assert response.status_code in {403, 404}


PORTAL_APPS = {
    "accounts",
    "enterprises",
    "standards",
    "certification",
    "certificates",
    "pilots",
    "promotion",
    "supervision",
    "directory",
}


def test_admin_every_portal_model_admin_follows_the_list_for_object_pages():
    from brandportal.admin import ObjectPagesFollowListMixin

    missing = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PORTAL_APPS
        and not isinstance(model_admin, ObjectPagesFollowListMixin)
    ]
    assert missing == []
