"""Admin of pilot counties and task tables.

County officials reach only their own county: the querysets come from `selectors`, the
object checks from `rules`.
"""

from .counties import GovernmentUnitAdmin, PilotCountyAdmin
from .rewards import RewardPayoutAdmin
from .tasks import PilotTaskAdmin, ProvincialTaskAdmin

__all__ = [
    "GovernmentUnitAdmin",
    "PilotCountyAdmin",
    "PilotTaskAdmin",
    "ProvincialTaskAdmin",
    "RewardPayoutAdmin",
]
