from .county import LeadershipMember, Phase, PilotCounty, RewardRule, Target
from .rewards import RewardPayout
from .tasks import (
    PilotTask,
    PilotTaskUpdate,
    ProvincialTask,
    ProvincialTaskUpdate,
    TaskQuerySet,
)
from .units import GovernmentUnit

__all__ = [
    "GovernmentUnit",
    "LeadershipMember",
    "Phase",
    "PilotCounty",
    "PilotTask",
    "PilotTaskUpdate",
    "ProvincialTask",
    "ProvincialTaskUpdate",
    "RewardPayout",
    "RewardRule",
    "Target",
    "TaskQuerySet",
]
