import factory
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-9")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: Role, **fields) -> User:
    """A user holding `role`, with the organisation the role needs unless given."""
    from .enterprises import CertificationBodyFactory, EnterpriseFactory, county

    if role == Role.ENTERPRISE_USER:
        fields.setdefault("enterprise", EnterpriseFactory())
    elif role == Role.REVIEWER:
        fields.setdefault("certification_body", CertificationBodyFactory())
    elif role == Role.COUNTY_OFFICIAL:
        fields.setdefault("county", county())
    user = UserFactory(**fields)
    user.add_role(role)
    return user
