"""Public pages: the catalogue, a standard's page and its full-text download (no login)."""

import re

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .enums import Dimension, IndicatorKind
from .filters import StandardFilter
from .selectors import public_standards, standards_visible_to

PAGE_SIZE = 20


def standard_list(request):
    filterset = StandardFilter(request.GET or None, queryset=public_standards())
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "standards/standard_list.html",
        {"filter": filterset, "page_obj": page, "query": query.urlencode()},
    )


def _grouped_indicators(standard):
    """[(dimension label, indicators, subtotal of scored maxima)] in the customary order."""
    indicators = list(standard.indicators.order_by("sort_order", "id"))
    groups = []
    for dimension in Dimension:
        members = [indicator for indicator in indicators if indicator.dimension == dimension]
        if members:
            subtotal = sum(
                (i.max_score for i in members if i.kind == IndicatorKind.SCORED), start=0
            )
            groups.append((dimension.label, members, subtotal))
    return groups


def standard_detail(request, pk):
    standard = get_object_or_404(
        standards_visible_to(request.user).prefetch_related("categories__parent"), pk=pk
    )
    groups = _grouped_indicators(standard)
    return render(
        request,
        "standards/standard_detail.html",
        {
            "standard": standard,
            "groups": groups,
            "total_score": sum((subtotal for _label, _items, subtotal in groups), start=0),
        },
    )


def standard_full_text(request, pk):
    standard = get_object_or_404(standards_visible_to(request.user), pk=pk)
    if not standard.full_text:
        raise Http404
    filename = re.sub(r'[\\/:*?"<>|《》\s]+', "_", standard.code).strip("_") + ".pdf"
    return FileResponse(
        standard.full_text.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
