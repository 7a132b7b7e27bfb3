"""Administrative divisions, enterprises and certification bodies."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PLANNED_DATE
from brandportal.storage import private_storage

from .seals import seal_path
from .validators import normalize_credit_code, validate_credit_code

phone_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    _("请输入有效的手机号码或座机号码（如 13800000000 或 0797-2822222）。"),
)


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（区、市）")


class AdministrativeDivision(models.Model):
    """An administrative division by its GB/T 2260 code, e.g. 寻乌县 = 360734."""

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("级别"), max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self):
        return f"{self.name}（{self.code}）"

    @property
    def full_name(self) -> str:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))


class Industry(models.TextChoices):
    AGRICULTURE = "agriculture", _("农业")
    FOOD = "food", _("食品及农产品加工")
    INDUSTRY = "industry", _("工业（含稀土新材料）")
    TOURISM = "tourism", _("旅游服务")
    SERVICES = "services", _("其他服务业")


class Enterprise(models.Model):
    """An enterprise that applies for the brand; its users see only its own data."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码已被注册。")},
    )
    division = models.ForeignKey(
        AdministrativeDivision,
        verbose_name=_("所在行政区划"),
        on_delete=models.PROTECT,
        related_name="enterprises",
        limit_choices_to={"level": DivisionLevel.COUNTY},
    )
    industry = models.CharField(_("所属行业"), max_length=20, choices=Industry.choices)
    address = models.CharField(_("地址"), max_length=255)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=20, validators=[phone_validator])
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)


class CertificationBody(models.Model):
    """A third-party certification body (第三方评价机构) whose reviewers review applications."""

    name = models.CharField(_("机构名称"), max_length=200, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    approval_number = models.CharField(
        _("认证机构批准书编号"), max_length=50, unique=True, help_text=_("如 CNCA-R-2002-001")
    )
    is_accredited = models.BooleanField(_("已获认可"), default=True)
    accredited_until = models.DateField(
        _("认可有效期至"), null=True, blank=True, validators=[PLANNED_DATE]
    )
    address = models.CharField(_("地址"), max_length=255, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("电子邮箱"), blank=True)
    seal = models.ImageField(
        _("机构印章图片"),
        upload_to=seal_path,
        storage=private_storage,
        blank=True,
        help_text=_(
            "可选，PNG（宜为透明背景）或 JPEG，印在证书的盖章处；未上传时证书显示印章占位图案。"
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("第三方评价机构")
        verbose_name_plural = _("第三方评价机构")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)
