"""The enterprise's certification pages: products, applications, documents, actions.

Every object is looked up in a selector's queryset (404 outside the user's reach) and
every write goes through `certification.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import can
from brandportal.params import InvalidInput, positive_int

from . import services
from .enums import Action, ApplicationState
from .forms import (
    ApplicationEditForm,
    ApplicationForm,
    DocumentUploadForm,
    ProductForm,
    TransitionForm,
)
from .models import ApplicationDocument, Product
from .selectors import applications_visible_to, own_products, products_visible_to

CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
# Actions the enterprise's page offers (the others happen in the admin).
PAGE_ACTIONS = (Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW)
# States from which the enterprise may start a renewal.
RENEWABLE_STATES = (ApplicationState.CERTIFIED, ApplicationState.SUPERVISED)


def _error_messages(request, error) -> None:
    for reason in getattr(error, "reasons", None) or error.messages:
        messages.error(request, reason)


# --- products --------------------------------------------------------------------------


@login_required
def product_list(request):
    products = own_products(request.user).prefetch_related("photos")
    return render(
        request,
        "certification/product_list.html",
        {"products": products, "may_add": can(request.user, "certification.add_product")},
    )


def _product_form(request, product):
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    form.enterprise_id = request.user.enterprise_id
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.product_save(user=request.user, product=form.save(commit=False))
                if form.cleaned_data.get("photo"):
                    services.product_photo_add(
                        user=request.user,
                        product=saved,
                        image=form.cleaned_data["photo"],
                        caption=form.cleaned_data.get("photo_caption", ""),
                    )
        except ValidationError as error:
            fields = {"image": "photo", "caption": "photo_caption"}
            for field, errors in error.message_dict.items():
                field = fields.get(field, field)
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("产品信息已保存。"))
            return redirect("certification:product_list")
    return render(request, "certification/product_form.html", {"form": form, "product": product})


@login_required
def product_create(request):
    if not can(request.user, "certification.add_product") or not request.user.enterprise_id:
        raise PermissionDenied
    return _product_form(request, Product())


@login_required
def product_edit(request, pk):
    product = get_object_or_404(products_visible_to(request.user), pk=pk)
    if not can(request.user, "certification.change_product", product):
        raise Http404
    return _product_form(request, product)


# --- applications ----------------------------------------------------------------------


@login_required
def application_list(request):
    applications = applications_visible_to(request.user)
    return render(
        request,
        "certification/application_list.html",
        {
            "applications": applications,
            "may_add": can(request.user, "certification.add_application"),
        },
    )


@login_required
def application_create(request):
    user = request.user
    if not can(user, "certification.add_application") or not user.enterprise_id:
        raise PermissionDenied
    renewal_of = None
    if raw_renewal_of := request.GET.get("renewal_of") or request.POST.get("renewal_of"):
        pk = positive_int(raw_renewal_of)
        if pk is None:
            message = _("续期所依据的申请编号无效。")
            raise InvalidInput(message, {"renewal_of": [message]})
        renewal_of = get_object_or_404(
            applications_visible_to(user).filter(
                enterprise_id=user.enterprise_id, state__in=RENEWABLE_STATES
            ),
            pk=pk,
        )
    initial = {}
    if renewal_of is not None:
        initial = {
            "product": renewal_of.product_id,
            "standard": renewal_of.standard_id,
            "certification_body": renewal_of.certification_body_id,
            "recognised_brands_note": renewal_of.recognised_brands_note,
        }
    form = ApplicationForm(request.POST or None, initial=initial, products=own_products(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_create(
                user=user,
                product=data["product"],
                standard=data["standard"],
                certification_body=data["certification_body"],
                renewal_of=renewal_of,
            )
            if data["recognised_brands_note"]:
                application = services.application_update(
                    application=application,
                    user=user,
                    recognised_brands_note=data["recognised_brands_note"],
                )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("申请草稿已创建，请上传必备材料后提交。"))
            return redirect("certification:application_detail", application.pk)
    return render(
        request,
        "certification/application_form.html",
        {"form": form, "renewal_of": renewal_of, "creating": True},
    )


def _detail_context(request, application, upload_form=None) -> dict:
    user = request.user
    actions = [a for a in services.available_actions(application, user) if a.action in PAGE_ACTIONS]
    editable = can(user, "certification.change_application", application)
    documents = list(application.documents.select_related("uploaded_by"))
    log = list(application.log_entries.select_related("actor"))
    latest_request = None
    if application.state == ApplicationState.NEEDS_CHANGES:
        requests = [e for e in log if e.action == Action.REQUEST_CHANGES]
        latest_request = requests[-1] if requests else None
    present = {d.document_type for d in documents}
    renewable = application.state in RENEWABLE_STATES
    return {
        "application": application,
        "actions": actions,
        "editable": editable,
        "documents": documents,
        "checklist": [(t, t in present) for t in application.required_document_types()],
        "log": log,
        "latest_request": latest_request,
        "upload_form": (upload_form or DocumentUploadForm()) if editable else None,
        "may_renew": renewable
        and can(user, "certification.add_application")
        and application.enterprise_id == user.enterprise_id,
    }


@login_required
def application_detail(request, pk):
    application = get_object_or_404(applications_visible_to(request.user), pk=pk)
    return render(
        request, "certification/application_detail.html", _detail_context(request, application)
    )


@login_required
def application_edit(request, pk):
    application = get_object_or_404(applications_visible_to(request.user), pk=pk)
    if not can(request.user, "certification.change_application", application):
        messages.error(request, _("申请当前状态下不能修改。"))
        return redirect("certification:application_detail", pk)
    draft = application.state == ApplicationState.DRAFT
    form = ApplicationEditForm(
        request.POST or None,
        draft=draft,
        initial={
            "standard": application.standard_id,
            "certification_body": application.certification_body_id,
            "recognised_brands_note": application.recognised_brands_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except services.TransitionError as error:
            _error_messages(request, error)
            return redirect("certification:application_detail", pk)
        else:
            messages.success(request, _("申请信息已更新。"))
            return redirect("certification:application_detail", pk)
    return render(
        request,
        "certification/application_form.html",
        {"form": form, "application": application, "creating": False},
    )


@login_required
@require_POST
def application_transition(request, pk):
    application = get_object_or_404(applications_visible_to(request.user), pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in PAGE_ACTIONS:
        messages.error(request, _("无效的操作。"))
        return redirect("certification:application_detail", pk)
    action = Action(form.cleaned_data["action"])
    try:
        services.application_transition(
            application=application,
            action=action,
            user=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=form.cleaned_data["expected_state"],
        )
    except services.TransitionError as error:
        _error_messages(request, error)
    except PermissionDenied:
        messages.error(request, _("您无权执行此操作。"))
    else:
        messages.success(request, _("已%(action)s。") % {"action": action.label})
    return redirect("certification:application_detail", pk)


# --- documents -------------------------------------------------------------------------


@login_required
@require_POST
def document_upload(request, pk):
    application = get_object_or_404(applications_visible_to(request.user), pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                application=application,
                user=request.user,
                document_type=form.cleaned_data["document_type"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("file", error.message_dict.get("file", error.messages))
        except services.TransitionError as error:
            _error_messages(request, error)
            return redirect("certification:application_detail", pk)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("材料已上传。"))
            return redirect("certification:application_detail", pk)
    # Show the page again with the errors next to the fields; nothing was stored.
    return render(
        request,
        "certification/application_detail.html",
        _detail_context(request, application, upload_form=form),
        status=400,
    )


@login_required
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(
        ApplicationDocument.objects.filter(
            application__in=applications_visible_to(request.user)
        ).select_related("application"),
        pk=pk,
    )
    application_id = document.application_id
    try:
        services.document_delete(document=document, user=request.user)
    except services.TransitionError as error:
        _error_messages(request, error)
    except PermissionDenied:
        messages.error(request, _("申请当前状态下不能删除材料。"))
    else:
        messages.success(request, _("材料已删除。"))
    return redirect("certification:application_detail", application_id)


@login_required
def document_download(request, pk):
    """Stream a private evidence file to those the rules let see it; 404 for anyone else."""
    document = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    if not can(request.user, "certification.view_applicationdocument", document.application):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = {"jpeg": ".jpg"}.get(document.content_kind, f".{document.content_kind}")
    name = document.original_name or f"{document.get_document_type_display()}{extension}"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(document.content_kind, "application/octet-stream"),
    )
