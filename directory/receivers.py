"""Keep the directory in step with certificates and products.

certificates/ sends no signal of its own, so this listens to the model's saves: pre_save
remembers the stored status, post_save compares. Every status change goes through
`Certificate.save()` (certificates.services.certificate_follow_transition), never
`QuerySet.update()`, so none is missed.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from certificates.models import Certificate
from certification.models import Product

from . import services


@receiver(pre_save, sender=Certificate, dispatch_uid="directory_certificate_pre_save")
def remember_status(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and "status" not in update_fields:
        instance._directory_previous_status = instance.status
        return
    instance._directory_previous_status = (
        Certificate.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


@receiver(post_save, sender=Certificate, dispatch_uid="directory_certificate_post_save")
def certificate_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    services.certificate_changed(
        certificate=instance,
        created=created,
        previous_status=getattr(instance, "_directory_previous_status", None),
    )


@receiver(post_save, sender=Product, dispatch_uid="directory_product_post_save")
def product_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        services.listings_follow_product(product=instance)
