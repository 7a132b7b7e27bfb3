from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandportal.params import InvalidInput, positive_int

from . import services
from .forms import RegistrationForm
from .models import Notification, User
from .roles import Role


def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_enterprise_user(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                password=form.cleaned_data["password1"],
            )
        except IntegrityError:
            form.add_error("email", _("该电子邮箱已被注册，请直接登录或找回密码。"))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("注册成功。确认邮件已发送至 %(email)s，请点击邮件中的链接。")
                % {"email": user.email},
            )
            return redirect("accounts:dashboard")
    return render(request, "accounts/register.html", {"form": form})


def confirm_email(request, uidb64, token):
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    is_owner = user is not None and request.user.is_authenticated and request.user.pk == user.pk
    if user is not None and services.confirm_email(user=user, token=token):
        messages.success(request, _("邮箱已确认。"))
        return redirect("accounts:dashboard" if is_owner else "accounts:login")
    if is_owner and request.user.email_verified:
        # Only the signed-in owner learns that the address is already confirmed.
        messages.info(request, _("邮箱已确认。"))
        return redirect("accounts:dashboard")
    # Unknown, confirmed and unconfirmed accounts get the same answer to a bad link.
    return render(request, "accounts/confirm_email_invalid.html", status=400)


@login_required
@require_POST
def resend_confirmation(request):
    if not request.user.email_verified:
        services.send_confirmation_email(user=request.user)
        messages.info(
            request, _("确认邮件已重新发送至 %(email)s。") % {"email": request.user.email}
        )
    return redirect("accounts:dashboard")


@login_required
def dashboard(request):
    """The signed-in user's starting page: what to do next for each role held."""
    user = request.user
    if user.has_role(Role.ENTERPRISE_USER) and user.email_verified and user.enterprise_id is None:
        return redirect("enterprises:create")
    return render(
        request, "accounts/dashboard.html", {"roles": [Role(r) for r in sorted(user.roles)]}
    )


@login_required
def notifications(request):
    """The user's in-app notifications, newest first; POST marks them read."""
    mine = Notification.objects.filter(recipient=request.user)
    if request.method == "POST":
        unread = mine.filter(read_at__isnull=True)
        if request.POST.get("id"):
            pk = positive_int(request.POST["id"])
            if pk is None:
                # Not "mark all": a malformed id says the client meant one notification.
                message = _("通知编号无效。")
                raise InvalidInput(message, {"id": [message]})
            unread = unread.filter(pk=pk)
        unread.update(read_at=timezone.now())
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"notifications": mine[:200]})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the e-mailed link also lifts a login lockout: the link
    proves the mailbox is the owner's, and the lockout page sends the locked-out here."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_lockout_lift(email=form.user.email)
        return response
