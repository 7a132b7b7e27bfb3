"""The portal's URLs without the directory, to test the fallback to verification pages."""

from brandportal.urls import urlpatterns as portal_patterns

urlpatterns = [
    pattern for pattern in portal_patterns if getattr(pattern, "app_name", None) != "directory"
]
