"""Government units (牵头单位、责任单位) that tasks name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernmentUnit(models.Model):
    """A government department as a task table names it, e.g. 县市场监督管理局.

    Names are short forms that only make sense within a division ("县农业农村局" of
    寻乌县, "省市场监管局" of 江西省), hence unique per division. Collective names such as
    各成员单位 or 各设区市政府 stand for several bodies and are flagged, so that dashboards
    do not count them as one department.
    """

    name = models.CharField(_("单位名称"), max_length=100)
    division = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("所属行政区划"),
        on_delete=models.PROTECT,
        related_name="government_units",
    )
    is_collective = models.BooleanField(
        _("统称"), default=False, help_text=_("如“各成员单位”“各设区市政府”，指多个单位。")
    )

    class Meta:
        ordering = ["division", "name"]
        verbose_name = _("政府单位")
        verbose_name_plural = _("政府单位")
        constraints = [
            models.UniqueConstraint(
                fields=["division", "name"],
                name="pilots_unit_unique_name_per_division",
                violation_error_message=_("该行政区划下已有同名单位。"),
            )
        ]

    def __str__(self):
        return self.name


def units_display(text: str, units) -> str:
    """The unit list as the document wrote it, or the units joined when there is no text."""
    return text or "、".join(unit.name for unit in units)
