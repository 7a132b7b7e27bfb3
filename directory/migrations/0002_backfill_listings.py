"""List the certificates issued before the directory existed."""

from django.db import migrations


def backfill(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    Listing = apps.get_model("directory", "Listing")
    rows = []
    certificates = Certificate.objects.select_related(
        "application__product", "application__enterprise"
    ).filter(listing__isnull=True)
    for certificate in certificates.iterator():
        application = certificate.application
        rows.append(
            Listing(
                certificate=certificate,
                product_id=application.product_id,
                enterprise_id=application.enterprise_id,
                category_id=application.product.category_id,
                division_id=application.enterprise.division_id,
                standard_id=application.standard_id,
                certification_body_id=application.certification_body_id,
                number=certificate.number,
                product_name=certificate.product_name,
                enterprise_name=certificate.enterprise_name,
                credit_code=certificate.credit_code,
                standard_code=certificate.standard_code,
                standard_title=certificate.standard_title,
                body_name=certificate.body_name,
                status=certificate.status,
                issued_on=certificate.issued_on,
                valid_until=certificate.valid_until,
                # Distinct, stable values keep the cursor's order meaningful.
                updated_at=certificate.status_changed_at or certificate.issued_at,
            )
        )
    Listing.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
