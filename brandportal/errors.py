"""The refusals of services: one hierarchy that views, the admin and the API translate alike.

A `ServiceError` carries Chinese sentences for the user (`reasons`) and the HTTP status an
API answers with. A refusal on permission stays Django's `PermissionDenied` (a 403, or a
404 where the object must not be confirmed to exist), as everywhere in the portal.
"""


class ServiceError(Exception):
    """An action that cannot happen now; nothing was changed."""

    status_code = 400

    def __init__(self, reasons, status_code: int | None = None):
        if isinstance(reasons, str) or not isinstance(reasons, list | tuple):
            reasons = [reasons]
        self.reasons = [str(reason) for reason in reasons]
        if status_code is not None:
            self.status_code = status_code
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "；".join(self.reasons)


class TransitionConflict(ServiceError):
    """Someone else changed the object first (HTTP 409)."""

    status_code = 409


class TransitionNotAllowed(ServiceError):
    """The action does not exist from the object's current state (HTTP 409)."""

    status_code = 409


class ConditionsNotMet(ServiceError):
    """The action exists from this state, but its conditions do not hold (HTTP 400)."""
