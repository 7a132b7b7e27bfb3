"""Seed the administrative divisions the portal starts with (GB/T 2260 codes).

江西省, its eleven prefecture-level cities, and the counties and districts of 赣州市,
where the pilot county 寻乌县 (360734) lies. Other counties are added as the brand grows.
"""

from django.db import migrations

PROVINCE = ("360000", "江西省")
CITIES = [
    ("360100", "南昌市"),
    ("360200", "景德镇市"),
    ("360300", "萍乡市"),
    ("360400", "九江市"),
    ("360500", "新余市"),
    ("360600", "鹰潭市"),
    ("360700", "赣州市"),
    ("360800", "吉安市"),
    ("360900", "宜春市"),
    ("361000", "抚州市"),
    ("361100", "上饶市"),
]
GANZHOU_COUNTIES = [
    ("360702", "章贡区"),
    ("360703", "南康区"),
    ("360704", "赣县区"),
    ("360722", "信丰县"),
    ("360723", "大余县"),
    ("360724", "上犹县"),
    ("360725", "崇义县"),
    ("360726", "安远县"),
    ("360728", "定南县"),
    ("360729", "全南县"),
    ("360730", "宁都县"),
    ("360731", "于都县"),
    ("360732", "兴国县"),
    ("360733", "会昌县"),
    ("360734", "寻乌县"),
    ("360735", "石城县"),
    ("360781", "瑞金市"),
    ("360783", "龙南市"),
]


def seed(apps, schema_editor):
    Division = apps.get_model("enterprises", "AdministrativeDivision")
    province, _ = Division.objects.update_or_create(
        code=PROVINCE[0], defaults={"name": PROVINCE[1], "level": "province", "parent": None}
    )
    cities = {}
    for code, name in CITIES:
        cities[code], _ = Division.objects.update_or_create(
            code=code, defaults={"name": name, "level": "city", "parent": province}
        )
    for code, name in GANZHOU_COUNTIES:
        Division.objects.update_or_create(
            code=code, defaults={"name": name, "level": "county", "parent": cities["360700"]}
        )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
