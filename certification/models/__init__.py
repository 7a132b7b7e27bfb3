from .applications import Application
from .documents import ApplicationDocument, RequiredDocument
from .log import TransitionLog
from .products import Product, ProductPhoto
from .reviews import ConflictOfInterest, IndicatorScore, Review

__all__ = [
    "Application",
    "ApplicationDocument",
    "ConflictOfInterest",
    "IndicatorScore",
    "Product",
    "ProductPhoto",
    "RequiredDocument",
    "Review",
    "TransitionLog",
]
