"""Public verification of certificates, reports of fakes, and PDF downloads.

Look-ups are limited per IP (`throttling`) and counted; an unknown number is a 404
page saying so; the PDF goes only to those `rules` allow (404 for anyone else).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import can

from . import services
from .enums import SignatureCheck
from .forms import FakeReportForm, VerifyForm
from .models import FakeReport
from .selectors import (
    certificate_by_number,
    certificates_downloadable_by,
    may_download,
)
from .signing import signature_valid
from .throttling import lookup_throttled


def _too_many(request, wait: int):
    response = render(request, "certificates/too_many.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def verify_search(request):
    """The form to type a number in; it leads to the verification page."""
    form = VerifyForm(request.GET if "number" in request.GET else None)
    if form.is_valid():
        return redirect("certificates:verify", form.cleaned_data["number"])
    status = 400 if form.is_bound else 200
    return render(request, "certificates/verify_search.html", {"form": form}, status=status)


def verify(request, number):
    """The live status and the facts of a certificate; the QR codes land here (?s=)."""
    wait = lookup_throttled(request)
    if wait is not None:
        return _too_many(request, wait)
    certificate = certificate_by_number(number)
    if certificate is None:
        context = {"number": number, "form": VerifyForm(initial={"number": number})}
        return render(request, "certificates/verify_not_found.html", context, status=404)
    services.certificate_record_lookup(certificate=certificate)
    signature = request.GET.get("s")
    if signature is None:
        check = SignatureCheck.ABSENT
    elif signature_valid(certificate.number, signature):
        check = SignatureCheck.VALID
    else:
        check = SignatureCheck.INVALID
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "signature": check,
            "as_of": timezone.localtime(),
            "may_download": may_download(request.user, certificate),
        },
    )


def report(request):
    """The public form to report a suspected fake certificate or brand mark."""
    form = FakeReportForm(request.POST or None, request.FILES or None)
    if request.method == "GET" and request.GET.get("number"):
        form = FakeReportForm(initial={"certificate_number": request.GET["number"]})
    if request.method == "POST":
        wait = lookup_throttled(request)
        if wait is not None:
            return _too_many(request, wait)
        if form.is_valid():
            try:
                services.fake_report_create(
                    certificate_number=form.cleaned_data["certificate_number"],
                    description=form.cleaned_data["description"],
                    contact=form.cleaned_data["contact"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                form.add_error("evidence", error.messages)
            else:
                return render(request, "certificates/report_thanks.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "certificates/report.html", {"form": form}, status=status)


@login_required
def certificate_list(request):
    """The certificates the user may download: the enterprise's own, or those in reach."""
    certificates = certificates_downloadable_by(request.user).order_by("-issued_at", "-pk")
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    return render(request, "certificates/certificate_list.html", {"page": page})


@login_required
def download(request, number):
    """The certificate's PDF, for the owner enterprise and officials; 404 for others."""
    certificate = certificate_by_number(number)
    if certificate is None or not may_download(request.user, certificate):
        raise Http404(_("未查到该证书"))
    certificate = services.certificate_ensure_pdf(certificate=certificate)
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{certificate.number}.pdf",
        content_type="application/pdf",
    )


CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


@login_required
def report_evidence(request, pk):
    """The evidence file of a report of a fake, for supervisors; 404 for anyone else."""
    report = get_object_or_404(FakeReport, pk=pk)
    if not report.evidence or not can(request.user, "certificates.view_fakereport_evidence"):
        raise Http404
    try:
        handle = report.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = {"jpeg": "jpg"}.get(report.evidence_kind, report.evidence_kind)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"report-{report.pk}-evidence.{extension}",
        content_type=CONTENT_TYPES.get(report.evidence_kind, "application/octet-stream"),
    )
