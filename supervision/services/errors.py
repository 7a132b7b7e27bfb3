class ActionRefused(Exception):
    """An action that cannot happen now; `reasons` are sentences for the user.

    `status_code` is 409 when the object's state forbids it, 400 for bad input.
    """

    def __init__(self, reasons, status_code: int = 400):
        if isinstance(reasons, str):
            reasons = [reasons]
        self.reasons = [str(reason) for reason in reasons]
        self.status_code = status_code
        super().__init__("；".join(self.reasons))
