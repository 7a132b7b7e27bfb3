"""Choices of the standards app, importable from anywhere without loading models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardType(models.TextChoices):
    GENERAL = "general", _("通用要求")
    LOCAL = "local", _("地方标准")
    GROUP = "group", _("团体标准")
    ENTERPRISE = "enterprise", _("企业标准")


class StandardState(models.TextChoices):
    DRAFTING = "drafting", _("起草")
    SUBMITTED = "submitted", _("已提交")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已废止")
    SUPERSEDED = "superseded", _("被替代")


# States the public (pages and API) may see; drafts and submissions never are.
PUBLIC_STATES = (StandardState.PUBLISHED, StandardState.WITHDRAWN, StandardState.SUPERSEDED)
# States in which the content (fields, indicators, full text) may still change.
EDITABLE_STATES = (StandardState.DRAFTING, StandardState.SUBMITTED)


class Dimension(models.TextChoices):
    """The four dimensions every standard is judged on, in their customary order."""

    RESOURCE_SAVING = "resource_saving", _("资源节约")
    ENVIRONMENTAL_PROTECTION = "environmental_protection", _("环境保护")
    ECOLOGICAL_SYNERGY = "ecological_synergy", _("生态协同")
    QUALITY_LEADERSHIP = "quality_leadership", _("质量领先")


class IndicatorKind(models.TextChoices):
    MANDATORY = "mandatory", _("否决项（合格/不合格）")
    SCORED = "scored", _("评分项")
