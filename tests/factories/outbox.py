import factory

from outbox.models import Message

from .accounts import UserFactory


class MessageFactory(factory.django.DjangoModelFactory):
    """A pending notice with an e-mail, as `outbox.services.message_queue` records it."""

    class Meta:
        model = Message

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"test:{n}")
    title = factory.Sequence(lambda n: f"通知{n}")
    body = "通知内容"
    url = "/applications/"
    email_subject = factory.LazyAttribute(lambda m: f"【江西绿色生态】{m.title}")
    email_body = "邮件正文"
