"""Supervision in the admin: plans and checks for supervisors, cases, surveillance
audits for reviewers, recognised brands and citations. Buttons call the services."""

from .cases import InfringementCaseAdmin
from .checks import SpotCheckAdmin
from .plans import SpotCheckPlanAdmin
from .recognition import CitationAdmin, CitationInline, RecognisedBrandAdmin
from .surveillance import SurveillanceAuditAdmin

__all__ = [
    "CitationAdmin",
    "CitationInline",
    "InfringementCaseAdmin",
    "RecognisedBrandAdmin",
    "SpotCheckAdmin",
    "SpotCheckPlanAdmin",
    "SurveillanceAuditAdmin",
]
