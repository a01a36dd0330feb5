from django.contrib.auth.models import AbstractUser
from django.db import models

from apps.core.models import TimeStampedModel


class User(AbstractUser):
    """The project's own user model, so that fields can be added without a painful migration."""

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        full = self.get_full_name()
        return full or self.username


class Organization(TimeStampedModel):
    """A county government office. Everything a user sees belongs to their organisation."""

    name = models.CharField("名称", max_length=200)
    slug = models.SlugField("标识", unique=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(TimeStampedModel):
    """A 责任单位 of the organisation (发改局, 财政局, 统计局 …); sections are assigned to it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="departments", verbose_name="机构"
    )
    name = models.CharField("名称", max_length=100)

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["organization", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name")]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    DRAFTER = "drafter", "起草人"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


class Membership(TimeStampedModel):
    """A user's place in one organisation, with one role."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership", verbose_name="用户")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name="机构"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.DRAFTER)
    departments = models.ManyToManyField(Department, blank=True, related_name="memberships", verbose_name="责任单位")

    class Meta:
        verbose_name = "成员"
        verbose_name_plural = "成员"

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    @property
    def can_review(self) -> bool:
        return self.role in (Role.REVIEWER, Role.ADMIN)

    @property
    def can_fill(self) -> bool:
        return self.role in (Role.DRAFTER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN
