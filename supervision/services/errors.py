from brandportal.errors import ServiceError


class ActionRefused(ServiceError):
    """An action that cannot happen now; `reasons` are sentences for the user.

    `status_code` is 409 when the object's state forbids it, 400 for bad input.
    """
