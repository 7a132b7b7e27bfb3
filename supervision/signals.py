"""Reports of suspected fakes from the verification page become infringement cases."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from certificates.models import FakeReport


@receiver(post_save, sender=FakeReport, dispatch_uid="supervision_case_from_fake_report")
def case_from_fake_report(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import case_create_from_fake_report

        case_create_from_fake_report(fake_report=instance)
