from .accounts import UserFactory, user_with_role
from .enterprises import CertificationBodyFactory, EnterpriseFactory, county, make_credit_code

__all__ = [
    "CertificationBodyFactory",
    "EnterpriseFactory",
    "UserFactory",
    "county",
    "make_credit_code",
    "user_with_role",
]
