"""Load the product taxonomy named in the source documents."""

from django.db import migrations

# (code, name, parent code); parents first.
CATEGORIES = [
    ("agriculture", "农业", None),
    ("selenium_citrus", "富硒柑橘", "agriculture"),
    ("rice", "水稻", "agriculture"),
    ("vegetables", "蔬菜", "agriculture"),
    ("passion_fruit", "百香果", "agriculture"),
    ("eco_leisure_agriculture", "生态休闲农业", "agriculture"),
    ("processed_farm_produce", "农产品加工", "agriculture"),
    ("food", "食品", None),
    ("industry", "工业", None),
    ("rare_earth_materials", "稀土新材料", "industry"),
    ("services", "服务业", None),
    ("tourism", "旅游服务", "services"),
    ("green_finance", "绿色金融", "services"),
    ("green_consumption", "绿色消费", "services"),
]


def load(apps, schema_editor):
    ProductCategory = apps.get_model("standards", "ProductCategory")
    by_code = {}
    for order, (code, name, parent) in enumerate(CATEGORIES, start=1):
        by_code[code], _created = ProductCategory.objects.get_or_create(
            code=code,
            defaults={"name": name, "parent": by_code.get(parent), "sort_order": order * 10},
        )


def unload(apps, schema_editor):
    ProductCategory = apps.get_model("standards", "ProductCategory")
    codes = [code for code, _name, _parent in CATEGORIES]
    ProductCategory.objects.filter(code__in=codes, parent__isnull=False).delete()
    ProductCategory.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
