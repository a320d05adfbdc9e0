"""Honest dates for the seeded plans (issue 20): a plan starts on its source's date, or on the
day the source was read when it has none — not on 2025-01-01, a date no source gives. Also ends
the versions the sources end (立刷's 2020 version, replaced by the 2025 one; 快钱, which closed all
merchants). Only rows that still have the seeded start are moved; anything else is left alone.
"""

import datetime as dt

from django.db import migrations

# (product slug, plan name, seeded start, honest start, end)
MOVES = [
    ("newland-smart-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("jlpay-lishua-esign", "标准费率", "2020-11-17", "2020-11-17", "2025-04-30"),
    ("lakala-4g-esign", "标准费率", "2025-01-01", "2026-11-26", None),
    ("lakala-smart-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("lakala-mpos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("shengfutong-4g-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("huifu-xingyunfu-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("yinsheng-yinshengtong-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("yinsheng-mpos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("sand-anxinfu-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("sand-changshua-traditional-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("dianyin-dianyintong-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("kaidianbao-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("changjietong-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("liandong-youshi-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("qianbao-qianxiaobao-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("kayou-kuaishua-esign", "标准费率", "2025-01-01", "2025-03-01", None),
    ("99bill-pos", "标准费率", "2025-01-01", "2023-12-04", "2025-01-03"),
    ("fuhuiba-traditional", "标准费率", "2025-01-01", "2025-03-01", None),
    ("fuhuiba-smart", "标准费率", "2025-01-01", "2025-03-01", None),
    ("chinaums-smart-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("chinaums-traditional-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("hrt-esign-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("hrt-traditional-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("allinpay-traditional-pos-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("vbill-esign-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("leshua-qr-plate-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
    ("fulinmen-qr-plate-estimate", "市场区间估算", "2025-01-01", "2026-11-26", None),
]


def forwards(apps, schema_editor):
    Plan = apps.get_model("catalog", "Plan")
    for slug, name, old, new, end in MOVES:
        plans = Plan.objects.filter(
            product__slug=slug, name=name, valid_from=dt.date.fromisoformat(old)
        )
        for plan in plans:
            plan.valid_from = dt.date.fromisoformat(new)
            if end is not None and plan.valid_to is None:
                plan.valid_to = dt.date.fromisoformat(end)
            plan.save(update_fields=["valid_from", "valid_to"])


def backwards(apps, schema_editor):
    Plan = apps.get_model("catalog", "Plan")
    for slug, name, old, new, end in MOVES:
        for plan in Plan.objects.filter(
            product__slug=slug, name=name, valid_from=dt.date.fromisoformat(new)
        ):
            plan.valid_from = dt.date.fromisoformat(old)
            if end is not None and plan.valid_to == dt.date.fromisoformat(end):
                plan.valid_to = None
            plan.save(update_fields=["valid_from", "valid_to"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_plan_provenance")]

    operations = [migrations.RunPython(forwards, backwards)]
