from importlib import import_module

import pytest

from supervision.enums import PlanStatus
from supervision.models import InfringementCase, SpotCheckPlan
from supervision.services import plan_verify

pytestmark = pytest.mark.django_db

LOADERS = ["enterprises.demo", "accounts.demo", "standards.demo", "certificates.demo"]


def test_demo_load_makes_a_closed_verifiable_plan_once():
    for module in LOADERS:
        import_module(module).load()
    import_module("supervision.demo").load()
    import_module("supervision.demo").load()
    plan = SpotCheckPlan.objects.get()
    assert plan.status == PlanStatus.CLOSED
    assert plan_verify(plan).matches
    assert InfringementCase.objects.count() == 2
