"""The schema class of the API (apart from brandportal.api, which DRF's settings import
while rest_framework.views is still loading, before drf-spectacular can be)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object

from .api import error_responses


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the 429 of throttled endpoints and the 400 of paginated lists.

    Filter parameters are marked `allowEmptyValue`: as in django-filter's forms, an empty
    value means "not filtered" (the pages submit every field of their filter form).
    """

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        added = []
        if self.view.get_throttles():
            added.append(429)
        if self._is_list_view() and self._get_paginator() is not None:
            added.append(400)  # a bad page or page size
        for status in added:
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(
                    error_responses(status)[status], str(status)
                )
        return responses


class HashedTokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <token>` (brandportal.authentication), as DRF's token was."""

    target_class = "brandportal.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
