from brandportal.errors import ServiceError

# The refusals are the core's (brandportal.errors); the name is kept for callers:
# `reasons` are sentences for the user, `status_code` 409 when the object's state
# forbids the action, 400 for bad input.
ActionRefused = ServiceError
