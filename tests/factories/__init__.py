from .accounts import UserFactory, user_with_role
from .enterprises import CertificationBodyFactory, EnterpriseFactory, county, make_credit_code
from .pilots import (
    GovernmentUnitFactory,
    PilotCountyFactory,
    PilotTaskFactory,
    ProvincialTaskFactory,
    county_official,
)

__all__ = [
    "CertificationBodyFactory",
    "EnterpriseFactory",
    "GovernmentUnitFactory",
    "PilotCountyFactory",
    "PilotTaskFactory",
    "ProvincialTaskFactory",
    "UserFactory",
    "county",
    "county_official",
    "make_credit_code",
    "user_with_role",
]
