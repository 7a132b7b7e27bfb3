"""The certificate states its scope (认证范围) and production address (生产地址).

Certificates issued before get both from their application: the scope derived from the
product, its category and the standard, the address from the product's site.
"""

from django.db import migrations, models


def certification_scope(*, product_name, category_name, standard_code):
    # As certificates.scope.certification_scope wrote it when this migration was made.
    scope = f"{product_name}（{category_name}），按 {standard_code} 评价"
    return scope if len(scope) <= 300 else scope[:299] + "…"


def fill_from_applications(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    certificates = Certificate.objects.select_related(
        "application__product__category", "application__standard"
    )
    for certificate in certificates.filter(scope=""):
        product = certificate.application.product
        certificate.scope = certification_scope(
            product_name=certificate.product_name,
            category_name=product.category.name,
            standard_code=certificate.standard_code,
        )
        certificate.site_address = product.site_address
        certificate.save(update_fields=["scope", "site_address"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_schedule_and_roles"),
        ("certification", "0003_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="scope",
            field=models.CharField(
                blank=True, editable=False, max_length=300, verbose_name="认证范围"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="site_address",
            field=models.CharField(
                blank=True, editable=False, max_length=255, verbose_name="生产地址"
            ),
        ),
        migrations.RunPython(fill_from_applications, migrations.RunPython.noop),
    ]
