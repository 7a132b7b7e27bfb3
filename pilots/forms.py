"""Forms of the pilots pages: a task progress report, payout payment and rejection."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import TaskStatus
from .validators import validate_attachment


class TaskUpdateForm(forms.Form):
    """A progress report on a task; posted through `services.pilot_task_post_update`."""

    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(
        label=_("更新后状态"),
        choices=[("", _("（不变）")), *TaskStatus.choices],
        required=False,
    )
    progress = forms.IntegerField(
        label=_("更新后进度（%）"), min_value=0, max_value=100, required=False
    )
    attachment = forms.FileField(label=_("附件"), required=False, validators=[validate_attachment])


class PayoutPaymentForm(forms.Form):
    voucher_number = forms.CharField(label=_("支付凭证号"), max_length=50)
    paid_on = forms.DateField(
        label=_("支付日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PayoutRejectionForm(forms.Form):
    reason = forms.CharField(label=_("不予发放的理由"), widget=forms.Textarea(attrs={"rows": 3}))
