"""Dates people enter are plausible for what they mean (brandportal.dates), everywhere."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from brandportal.dates import PlausibleDate
from supervision.models import RecognisedCertificateCitation
from tests.factories.certification import ApplicationFactory, pdf_upload
from tests.factories.standards import StandardFactory
from tests.factories.supervision import brand

pytestmark = pytest.mark.django_db

# Date fields nobody types: copies of a certificate's dates kept in step by the server.
NOT_ENTERED = {"directory.Listing.issued_on", "directory.Listing.valid_until"}
PROJECT_APPS = {app.split(".")[0] for app in settings.INSTALLED_APPS} & {
    "accounts",
    "certificates",
    "certification",
    "directory",
    "enterprises",
    "pilots",
    "promotion",
    "standards",
    "supervision",
}


def _entered_date_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if type(field) is models.DateField and field.editable:
                label = f"{model._meta.label}.{field.name}"
                if label not in NOT_ENTERED:
                    yield label, field


ENTERED = dict(_entered_date_fields())


def test_every_entered_date_field_has_plausible_bounds():
    unbounded = [
        label
        for label, field in ENTERED.items()
        if not any(isinstance(v, PlausibleDate) for v in field.validators)
    ]
    assert unbounded == []
    # Those the issue names are among them.
    assert {
        "pilots.RewardPayout.paid_on",
        "supervision.RecognisedCertificateCitation.valid_until",
        "standards.Standard.published_on",
        "pilots.Phase.start",
        "supervision.SpotCheck.rectification_deadline",
    } <= set(ENTERED)


@pytest.mark.parametrize("label", sorted(ENTERED))
@pytest.mark.parametrize(
    "value", [datetime.date(1, 1, 1), datetime.date(1900, 1, 1), datetime.date(9999, 12, 31)]
)
def test_entered_date_field_refuses_implausible_dates_in_chinese(label, value):
    with pytest.raises(ValidationError) as error:
        ENTERED[label].run_validators(value)
    assert error.value.messages[0].startswith("日期不合理")


@pytest.mark.parametrize("label", sorted(ENTERED))
def test_entered_date_field_accepts_today(label):
    ENTERED[label].run_validators(timezone.localdate())


def test_planned_dates_reach_years_ahead_but_done_ones_not_beyond_today():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ENTERED["pilots.PilotTask.deadline"].run_validators(tomorrow.replace(year=tomorrow.year + 5))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        ENTERED["pilots.RewardPayout.paid_on"].run_validators(tomorrow)


@pytest.fixture
def owner_client(client):
    application = ApplicationFactory()
    client.force_login(application.created_by)
    client.application = application
    return client


@pytest.mark.parametrize(
    ("valid_until", "message"),
    [
        ("1900-01-01", "日期不合理"),
        ((timezone.localdate() - datetime.timedelta(days=1)).isoformat(), "有效期已过"),
        ("2999-12-31", "日期不合理"),
    ],
)
def test_citation_form_refuses_an_implausible_or_expired_validity(
    owner_client, valid_until, message
):
    response = owner_client.post(
        reverse("supervision:citation_add", args=[owner_client.application.pk]),
        {"brand": brand().pk, "number": "SZ-1", "valid_until": valid_until, "file": pdf_upload()},
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors["valid_until"][0]
    assert not RecognisedCertificateCitation.objects.exists()


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"published_on": datetime.date(1, 1, 1)}, "published_on"),
        (
            {"submitted_on": datetime.date(2024, 5, 1), "published_on": datetime.date(2024, 4, 1)},
            "published_on",
        ),
        (
            {"published_on": datetime.date(2024, 5, 1), "effective_on": datetime.date(2024, 4, 1)},
            "effective_on",
        ),
    ],
)
def test_standard_with_implausible_dates_is_refused_by_full_clean(dates, field):
    standard = StandardFactory.build(**dates)
    with pytest.raises(ValidationError) as error:
        standard.full_clean(exclude=["categories"])
    assert field in error.value.message_dict
