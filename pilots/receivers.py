"""Where rewards hook onto the other apps; connected in `PilotsConfig.ready`.

- An issued certificate: the certificates app sends no signal of its own, so a new
  `certificates.Certificate` row (post_save, created) queues the first-certificate
  reward once the issuing transaction commits.
- A published standard: the standards app's `standard_published` signal (sent after
  the publishing transaction commits) queues the standard reward.
"""

from django.db.models.signals import post_save

from brandportal.queue import enqueue_on_commit


def on_certificate_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .tasks import reward_first_certificate

        enqueue_on_commit(reward_first_certificate, instance.pk)


def on_standard_published(sender, standard, **kwargs):
    from .tasks import reward_published_standard

    enqueue_on_commit(reward_published_standard, standard.pk)


def connect() -> None:
    from standards.signals import standard_published

    post_save.connect(
        on_certificate_saved,
        sender="certificates.Certificate",
        dispatch_uid="pilots_reward_first_certificate",
    )
    standard_published.connect(on_standard_published, dispatch_uid="pilots_reward_standard")
