"""Public pages of the directory (no login): the list, a product, an enterprise, downloads."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from certificates.enums import CertificateStatus

from .exports import csv_response, xlsx_response
from .filters import ListingPageFilter
from .selectors import (
    green_evidence,
    listed_enterprises,
    public_listings,
    recognised_brands_for,
)

PAGE_SIZE = 20


def _filtered(request):
    # Always bound, so that the defaults (valid certificates only) apply to a bare URL.
    return ListingPageFilter(request.GET, queryset=public_listings())


def listing_list(request):
    filterset = _filtered(request)
    queryset = filterset.qs if filterset.is_valid() else public_listings().none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/listing_list.html",
        {"filter": filterset, "page_obj": page, "query": query.urlencode()},
    )


def listing_export(request, fmt: str):
    filterset = _filtered(request)
    queryset = filterset.qs if filterset.is_valid() else public_listings().none()
    labels = {status.value: str(status.label) for status in CertificateStatus}
    filename = f"certified-products-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        return xlsx_response(queryset, labels, filename)
    return csv_response(queryset, labels, filename)


def listing_detail(request, number):
    listing = get_object_or_404(
        public_listings().select_related("enterprise__division", "standard"), number=number
    )
    return render(
        request,
        "directory/listing_detail.html",
        {
            "listing": listing,
            "recognised_brands": recognised_brands_for(listing),
            "green_evidence": green_evidence(listing),
            "photos": listing.product.photos.all()[:4],
        },
    )


def enterprise_detail(request, credit_code):
    enterprise = get_object_or_404(listed_enterprises(), credit_code=credit_code.upper())
    return render(request, "directory/enterprise_detail.html", {"enterprise": enterprise})
