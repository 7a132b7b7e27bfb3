from .accounts import UserFactory, user_with_role
from .enterprises import CertificationBodyFactory, EnterpriseFactory, county, make_credit_code
from .pilots import (
    GovernmentUnitFactory,
    PilotCountyFactory,
    PilotTaskFactory,
    ProvincialTaskFactory,
    county_official,
)
from .standards import (
    IndicatorFactory,
    StandardFactory,
    category,
    pdf_file,
    publishable_standard,
    published_standard,
)

__all__ = [
    "CertificationBodyFactory",
    "EnterpriseFactory",
    "GovernmentUnitFactory",
    "IndicatorFactory",
    "PilotCountyFactory",
    "PilotTaskFactory",
    "ProvincialTaskFactory",
    "StandardFactory",
    "UserFactory",
    "category",
    "county",
    "county_official",
    "make_credit_code",
    "pdf_file",
    "publishable_standard",
    "published_standard",
    "user_with_role",
]
