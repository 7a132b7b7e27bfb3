"""The portal's user: logs in with an e-mail address and belongs to an organisation."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from .roles import STAFF_ROLES, Role


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_verified_at", timezone.now())
        return self._create_user(None, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person using the portal.

    Which organisation a user acts for depends on the role: an enterprise user has an
    `enterprise`, a reviewer a `certification_body`, a county official a `county`.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(
        _("电子邮箱"), unique=True, error_messages={"unique": _("该电子邮箱已被注册。")}
    )
    full_name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    email_verified_at = models.DateTimeField(_("邮箱确认时间"), null=True, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("所属企业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    certification_body = models.ForeignKey(
        "enterprises.CertificationBody",
        verbose_name=_("所属评价机构"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewers",
    )
    county = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("所属县（区）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return f"{self.full_name} <{self.email}>" if self.full_name else self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names this user holds; a superuser counts as provincial administrator."""
        if not self.is_active or self.pk is None:
            return frozenset()
        names = set(self.groups.values_list("name", flat=True)) & set(Role.values)
        if self.is_superuser:
            names.add(Role.PROVINCIAL_ADMIN)
        return frozenset(names)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def add_role(self, role: Role) -> None:
        """Put the user in a role's group, keeping admin access (is_staff) in step."""
        from django.contrib.auth.models import Group

        self.groups.add(Group.objects.get(name=role))
        if role in STAFF_ROLES and not self.is_staff:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
        self.__dict__.pop("roles", None)


class Notification(models.Model):
    """An in-app message to one user; `key` makes creating it idempotent."""

    recipient = models.ForeignKey(
        User, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("去重键"), max_length=100)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")
        ]

    def __str__(self):
        return self.title


class ApiToken(AuthToken):
    """An API token as the admin shows it: a prefix, never the token (knox stores a digest)."""

    class Meta:
        proxy = True
        ordering = ["-created"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def prefix(self) -> str:
        return self.token_key[:8]
