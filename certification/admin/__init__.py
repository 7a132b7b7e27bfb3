"""The reviewer's workspace: applications, reviews, evidence, the log, conflicts.

Querysets come from the selectors (reviewers see their body's applications minus their
conflicts; supervisors and administrators see all) and permissions from the rules in
`certification/rules.py`. Nothing here changes state directly: the transition buttons
and the review call the services.
"""

from .applications import ApplicationAdmin
from .records import ConflictOfInterestAdmin, ProductAdmin, TransitionLogAdmin
from .reviews import IndicatorScoreInline, ReviewAdmin

__all__ = [
    "ApplicationAdmin",
    "ConflictOfInterestAdmin",
    "IndicatorScoreInline",
    "ProductAdmin",
    "ReviewAdmin",
    "TransitionLogAdmin",
]
