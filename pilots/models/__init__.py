from .county import LeadershipMember, Phase, PilotCounty, RewardRule, Target
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
    "RewardRule",
    "Target",
    "TaskQuerySet",
]
