from .cases import InfringementCase
from .plans import Sanction, SpotCheck, SpotCheckEvidence, SpotCheckPlan
from .recognition import RecognisedBrand, RecognisedCertificateCitation
from .surveillance import SurveillanceAudit

__all__ = [
    "InfringementCase",
    "RecognisedBrand",
    "RecognisedCertificateCitation",
    "Sanction",
    "SpotCheck",
    "SpotCheckEvidence",
    "SpotCheckPlan",
    "SurveillanceAudit",
]
