from .listings import Listing
from .webhooks import DeliveryAttempt, WebhookClient, WebhookDelivery

__all__ = ["DeliveryAttempt", "Listing", "WebhookClient", "WebhookDelivery"]
