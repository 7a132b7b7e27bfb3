"""A county's key cultivation list for a year, with its progress, for officials."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.roles import Role
from accounts.rules import can

from ..cultivation import cultivation_entries, cultivation_progress
from ..models import CultivationEntry
from ..selectors import counties_for_articles


@login_required
def cultivation_list(request):
    """Provincial administrators pick any county (?county=code); officials see their own."""
    user = request.user
    if not can(user, "promotion.add_cultivationentry"):
        raise PermissionDenied
    counties = counties_for_articles(user)
    if user.has_role(Role.PROVINCIAL_ADMIN) and request.GET.get("county"):
        county = get_object_or_404(counties, code=request.GET["county"])
    elif user.has_role(Role.PROVINCIAL_ADMIN):
        county = None
    else:
        county = get_object_or_404(counties, pk=user.county_id)
    years = sorted(
        set(CultivationEntry.objects.filter(county=county).values_list("year", flat=True)),
        reverse=True,
    )
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    context = {
        "county": county,
        "counties": counties if user.has_role(Role.PROVINCIAL_ADMIN) else None,
        "year": year,
        "years": years,
        "entries": cultivation_entries(county, year) if county else [],
        "progress": cultivation_progress(county, year) if county else None,
    }
    return render(request, "promotion/cultivation_list.html", context)
