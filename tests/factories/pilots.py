import datetime

import factory

from accounts.roles import Role
from pilots.enums import MemberRole, Metric, PilotTaskKind
from pilots.models import (
    GovernmentUnit,
    LeadershipMember,
    Phase,
    PilotCounty,
    PilotTask,
    ProvincialTask,
    Target,
)

from .accounts import user_with_role
from .enterprises import county


class GovernmentUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentUnit
        django_get_or_create = ("division", "name")

    name = factory.Sequence(lambda n: f"县测试局{n}")
    division = factory.LazyFunction(county)


class PilotCountyFactory(factory.django.DjangoModelFactory):
    """A pilot county, 寻乌县 unless `division` is given (one pilot per division)."""

    class Meta:
        model = PilotCounty
        django_get_or_create = ("division",)

    division = factory.LazyFunction(county)
    plan_title = factory.LazyAttribute(lambda o: f"{o.division.name}品牌试点县创建工作实施方案")


class LeadershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipMember

    county = factory.SubFactory(PilotCountyFactory)
    name = factory.Sequence(lambda n: f"成员{n}")
    role = MemberRole.MEMBER
    position = "县测试局副局长"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    county = factory.SubFactory(PilotCountyFactory)
    name = factory.Sequence(lambda n: f"阶段{n}")
    start = datetime.date(2022, 10, 1)
    end = datetime.date(2022, 11, 30)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    county = factory.SubFactory(PilotCountyFactory)
    code = factory.Sequence(lambda n: f"target-{n}")
    metric = Metric.STANDARDS_PUBLISHED
    minimum = 1


class PilotTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotTask
        skip_postgeneration_save = True

    county = factory.SubFactory(PilotCountyFactory)
    kind = PilotTaskKind.BREAKDOWN
    number = factory.Sequence(lambda n: n + 100)
    content = factory.Sequence(lambda n: f"测试任务{n}")

    @factory.post_generation
    def responsible_units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.responsible_units.set(extracted)


class ProvincialTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvincialTask

    number = factory.Sequence(lambda n: n + 100)
    part = "三、重点任务"
    section = "(一)测试分项"
    content = factory.Sequence(lambda n: f"省级测试任务{n}")


def county_official(code: str = "360734", **fields):
    """A county official of the division `code` (寻乌县 by default)."""
    return user_with_role(Role.COUNTY_OFFICIAL, county=county(code), **fields)
