"""Helpers of the URL-conf fuzz tests (test_fuzz.py): endpoints found by walking the URL
resolver, a world of real objects for their arguments, and the inputs each page declares.

Nothing is listed by hand except how to fill a URL pattern's arguments from the world
(`pattern_kwargs`): a new pattern with arguments fails the test until it is added there.
"""

import datetime
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import Role

# What each parameter, field and JSON value is set to, one at a time.
PAYLOADS = {
    "nul": "abc\x00def",
    "slash": "A/B",
    "long": "x" * 10_000,
    "full-width": "ＪＸＧＥ－２０２６／３６０７３４　１２３（全角）",
    "deep-json": "[" * 5000,
}
DEEP_JSON = "[" * 5000


# --- the URL conf ----------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str  # namespaced, e.g. "certification:application_detail"
    route: str
    callback: object
    kwargs: tuple[str, ...] = ()

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""


def _route(pattern) -> str:
    return str(pattern.pattern)


def _arguments(pattern) -> tuple[str, ...]:
    regex = pattern.pattern.regex
    return tuple(regex.groupindex)


def endpoints(resolver=None, namespace="", prefix="", arguments=()) -> list[Endpoint]:
    """Every named URL pattern of the URL conf, with its namespaced name and arguments."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            found += endpoints(
                pattern,
                inner.strip(":"),
                prefix + _route(pattern),
                arguments + _arguments(pattern),
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            found.append(
                Endpoint(
                    name,
                    prefix + _route(pattern),
                    pattern.callback,
                    arguments + _arguments(pattern),
                )
            )
    return found


# --- the world: real objects for URL arguments, and a user per role --------------------


def build_world():
    """One object of each kind the URL patterns name, owned by one enterprise in 寻乌县."""
    from certificates.enums import CertificateStatus
    from certificates.services import fake_report_create
    from certification.models import ApplicationDocument
    from directory.models import Listing
    from pilots.loading import load_pilot_data
    from pilots.models import PilotCounty, RewardPayout
    from pilots.tasks import reward_first_certificate
    from supervision.services import case_confirm, case_investigate
    from tests.factories import PilotTaskFactory, county, county_official, user_with_role
    from tests.factories.certificates import certified_application, issued_certificate
    from tests.factories.certification import (
        ApplicationFactory,
        ProductFactory,
        add_required_documents,
        supervisor,
    )
    from tests.factories.directory import listed_certificate
    from tests.factories.enterprises import EnterpriseFactory
    from tests.factories.pilots import TargetFactory
    from tests.factories.promotion import (
        ArticleFactory,
        CultivationEntryFactory,
        PurchaseLinkFactory,
    )
    from tests.factories.supervision import CaseFactory, plan

    load_pilot_data()
    pilot = PilotCounty.objects.get(division__code="360734")
    enterprise = EnterpriseFactory(division=county("360734"))
    product = ProductFactory(enterprise=enterprise)
    certified = certified_application(product=product)
    certificate = issued_certificate(certified)
    payout = RewardPayout.objects.get(pk=reward_first_certificate(certificate.pk))
    listed_certificate(status=CertificateStatus.VALID)
    draft = ApplicationFactory(product=ProductFactory(enterprise=enterprise))
    add_required_documents(draft)
    enterprise_user = draft.created_by
    official = supervisor()
    case = case_investigate(case=CaseFactory(), user=official)
    case = case_confirm(
        case=case,
        user=official,
        decision_number="赣市监处〔2026〕1号",
        decision_date=datetime.date(2026, 3, 1),
        penalty="罚款",
        comment="",
    )
    return SimpleNamespace(
        pilot=pilot,
        enterprise=enterprise,
        product=product,
        application=draft,
        certified=certified,
        certificate=certificate,
        document=ApplicationDocument.objects.filter(application=draft).first(),
        listing=Listing.objects.filter(number=certificate.number).first(),
        payout=payout,
        target=TargetFactory(county=pilot),
        task=PilotTaskFactory(county=pilot),
        article=ArticleFactory(published=True, county=county("360734")),
        cultivation=CultivationEntryFactory(enterprise=enterprise, product=product),
        link=PurchaseLinkFactory(product=product, created_by=enterprise_user),
        plan=plan(user=official),
        case=case,
        report=fake_report_create(
            certificate_number=certificate.number,
            description="包装上的二维码打不开",
            contact="13900000000",
            evidence=None,
        ),
        users={
            "anonymous": None,
            "enterprise": enterprise_user,
            "county": county_official(),
            "province": user_with_role(Role.PROVINCIAL_ADMIN),
            "supervisor": official,
            "reviewer": user_with_role(
                Role.REVIEWER, certification_body=certified.certification_body
            ),
            "superuser": user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True, is_superuser=True),
        },
    )


def clients(world) -> dict[str, Client]:
    """A client per role; an exception in a view is a 500 response, not raised here."""
    result = {}
    for role, user in world.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        result[role] = client
    return result


def pattern_kwargs(world, endpoint: Endpoint) -> dict | None:
    """The arguments of a URL pattern, from the world; None if no entry here names it."""
    w = world
    uid = urlsafe_base64_encode(force_bytes(w.users["enterprise"].pk))
    token = default_token_generator.make_token(w.users["enterprise"])
    table = {
        "accounts:confirm_email": {"uidb64": uid, "token": token},
        "accounts:password_reset_confirm": {"uidb64": uid, "token": token},
        "certification:application_detail": {"pk": w.application.pk},
        "certification:application_edit": {"pk": w.application.pk},
        "certification:application_transition": {"pk": w.application.pk},
        "certification:document_upload": {"pk": w.application.pk},
        "certification:document_delete": {"pk": w.document.pk},
        "certification:document_download": {"pk": w.document.pk},
        "certification:product_edit": {"pk": w.product.pk},
        "standards:detail": {"pk": w.certified.standard.pk},
        "standards:full_text": {"pk": w.certified.standard.pk},
        "pilots:dashboard": {"code": "360734"},
        "pilots:target_records": {"code": "360734", "target_code": w.target.code},
        "pilots:task_list": {"code": "360734"},
        "pilots:task_export": {"code": "360734"},
        "pilots:task_detail": {"code": "360734", "pk": w.task.pk},
        "pilots:payout_list": {"code": "360734"},
        "pilots:payout_export": {"code": "360734"},
        "pilots:payout_detail": {"code": "360734", "pk": w.payout.pk},
        "pilots:payout_action": {"code": "360734", "pk": w.payout.pk, "action": "approve"},
        "pilots:payout_notice": {"code": "360734", "pk": w.payout.pk},
        "promotion:article_detail": {"pk": w.article.pk},
        "promotion:manage_edit": {"pk": w.article.pk},
        "promotion:manage_publish": {"pk": w.article.pk},
        "promotion:purchase_link_add": {"product_pk": w.product.pk},
        "promotion:purchase_link_delete": {"pk": w.link.pk},
        "directory:detail": {"number": w.certificate.number},
        "directory:enterprise": {"credit_code": w.enterprise.credit_code},
        "supervision:plan_detail": {"pk": w.plan.pk},
        "supervision:plan_draw_record": {"pk": w.plan.pk},
        "supervision:surveillance_suspend": {"number": w.certificate.number},
        "supervision:citation_add": {"application_pk": w.application.pk},
        "certificates:verify": {"number": w.certificate.number},
        "certificates:download": {"number": w.certificate.number},
        "certificates:report_evidence": {"pk": w.report.pk},
        "api:standard-detail": {"pk": w.certified.standard.pk},
        "api:certificate-detail": {"number": w.certificate.number},
        "api:infringement-case-detail": {"pk": w.case.pk},
        "api:spot-check-detail": {"pk": w.plan.pk},
        "api:certified-product-detail": {"pk": w.listing.pk},
        "api:enterprise-detail": {"credit_code": w.enterprise.credit_code},
        "api:product-detail": {"pk": w.product.pk},
        "api:application-detail": {"pk": w.application.pk},
        "api:application-documents": {"pk": w.application.pk},
        "api:application-submit": {"pk": w.application.pk},
        "api:application-withdraw": {"pk": w.application.pk},
        "media": {"path": "products/not-there.jpg"},
        "sitemap_section": {"section": "products"},
    }
    return table.get(endpoint.name)


def url_of(world, endpoint: Endpoint) -> str | None:
    if not endpoint.kwargs:
        return reverse(endpoint.name)
    kwargs = pattern_kwargs(world, endpoint)
    return None if kwargs is None else reverse(endpoint.name, kwargs=kwargs)


# --- what a page declares: its forms' fields and its links' query parameters -----------


@dataclass
class Form:
    method: str
    action: str
    fields: list[str] = field(default_factory=list)


class PageInputs(HTMLParser):
    """The forms of a page (method, action, field names) and the query parameters of its
    links back to the same path (filters, sorting, pages)."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.forms: list[Form] = []
        self.link_parameters: set[str] = set()
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.path).path or self.path
            self._form = Form((attrs.get("method") or "get").lower(), action)
            self.forms.append(self._form)
        elif tag in {"input", "select", "textarea", "button"} and self._form is not None:
            name = attrs.get("name")
            if name and attrs.get("type") != "file" and name != "csrfmiddlewaretoken":
                self._form.fields.append(name)
        elif tag == "a" and attrs.get("href"):
            link = urlsplit(attrs["href"])
            if link.path in ("", self.path):
                self.link_parameters |= {name for name, _ in parse_qsl(link.query)}

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def page_inputs(path: str, html: str) -> PageInputs:
    parser = PageInputs(path)
    parser.feed(html)
    return parser


# --- the API: viewsets' actions, filters and serializer fields -------------------------


def api_actions(endpoint: Endpoint) -> dict[str, str]:
    return dict(getattr(endpoint.callback, "actions", None) or {})


def api_filter_names(endpoint: Endpoint) -> list[str]:
    view_class = getattr(endpoint.callback, "cls", None)
    filterset = getattr(view_class, "filterset_class", None)
    names = list(filterset.base_filters) if filterset else []
    return [*names, "q", "page", "page_size", "cursor", "ordering", "search"]


def api_body_fields(endpoint: Endpoint, action: str) -> list[str]:
    view_class = endpoint.callback.cls
    view = view_class(action=action, request=None, format_kwarg=None, kwargs={})
    serializer_class = view.get_serializer_class()
    meta_fields = getattr(getattr(serializer_class, "Meta", None), "fields", None) or []
    return sorted({*serializer_class._declared_fields, *meta_fields})


def json_bodies(fields: list[str]) -> dict[str, str]:
    bodies = {"deep-json": DEEP_JSON, "deep-json-object": '{"a":' * 5000 + "1" + "}" * 5000}
    for label, payload in PAYLOADS.items():
        if label != "deep-json":  # as a string value it is valid, shallow JSON
            bodies[label] = json.dumps(dict.fromkeys(fields, payload))
    return bodies
