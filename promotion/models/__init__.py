from .articles import Article
from .cultivation import CultivationEntry
from .purchase import PurchaseLink

__all__ = ["Article", "CultivationEntry", "PurchaseLink"]
