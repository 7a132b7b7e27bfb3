"""Load the recognised brands the province's documents name (互认品牌).

The documents name the brands but not their agreements: the agreement date and scope
are left for the provincial administrator to fill in the admin.
"""

from django.db import migrations

BRANDS = [
    ("上海品牌", "上海市"),
    ("江苏精品", "江苏省"),
    ("品字标浙江制造", "浙江省"),
    ("圳品", "广东省深圳市"),
    ("赣出精品", "江西省"),
    ("赣鄱正品", "江西省"),
    ("江西好礼", "江西省"),
]


def load(apps, schema_editor):
    RecognisedBrand = apps.get_model("supervision", "RecognisedBrand")
    for order, (name, region) in enumerate(BRANDS, start=1):
        RecognisedBrand.objects.get_or_create(
            name=name, defaults={"region": region, "sort_order": order}
        )


def unload(apps, schema_editor):
    RecognisedBrand = apps.get_model("supervision", "RecognisedBrand")
    RecognisedBrand.objects.filter(name__in=[name for name, _region in BRANDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
