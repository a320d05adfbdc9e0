"""Bulk import/export of plans with their rates, CSV and XLSX: preview before applying,
row-level errors in plain words, all or nothing, and an export that re-imports unchanged."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from decimal import Decimal

import pytest
import tablib
from django.test import Client
from django.utils import translation

from catalog.models import Plan, Rate
from catalog.resources import ALL_COLUMNS, PlanResource
from core.models import PendingImport
from tests.catalog.admin_helpers import public_plan, today
from tests.factories import make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = Decimal


def catalog_snapshot() -> tuple[list, list, int, int]:
    """Everything an import could change, plus the size of the history."""
    plans = sorted(
        tuple(v for k, v in p.__dict__.items() if not k.startswith("_")) for p in Plan.objects.all()
    )
    rates = sorted(
        tuple(v for k, v in r.__dict__.items() if not k.startswith("_")) for r in Rate.objects.all()
    )
    return plans, rates, Plan.history.count(), Rate.history.count()


@pytest.fixture
def catalog():
    product = make_product(slug="lakala-a8")
    other = make_product(slug="newland-me31")
    public_plan(
        product=product,
        name="标准费率",
        rates={
            "credit_card": "0.60",
            "debit_card": {"percent": "0.50", "cap": "20"},
            "wechat": "0.38",
            "contactless": {"percent": "0.38", "limit": "1000", "above_percent": "0.60"},
        },
        promo_rates={"credit_card": "0.38"},
        promo_months=3,
        deposit=D("99"),
        deposit_refund_volume=D("50000"),
        deposit_refund_days=90,
        sim_fee_annual=D("60"),
        sim_free_months=12,
        instant_fixed=D("3"),
        notes="押金达标返还, 含“引号”, 逗号",
    )
    public_plan(
        product=other,
        name="标准费率",
        valid_from=today() - dt.timedelta(days=400),
        valid_to=today() - dt.timedelta(days=30),
        rates={"credit_card": "0.55"},
        source_url="",
        source_note="代理商报价",
    )
    public_plan(product=other, name="标准费率", rates={"credit_card": "0.58"})
    return product, other


def export(fmt: str) -> bytes | str:
    dataset = PlanResource(on=today()).export()
    return dataset.export(fmt)


def import_file(content, fmt: str, *, dry_run: bool = False, reason: str = ""):
    dataset = tablib.Dataset().load(content, format=fmt)
    return PlanResource(change_reason=reason, on=today()).import_data(dataset, dry_run=dry_run)


def row_dicts(content: str) -> list[dict[str, str]]:
    return [dict(r) for r in tablib.Dataset().load(content, format="csv").dict]


def to_csv(rows: list[dict[str, str]]) -> str:
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append([row[h] for h in dataset.headers])
    return dataset.export("csv")


class TestExport:
    def test_one_row_per_published_plan_with_rates_as_columns(self, catalog):
        rows = row_dicts(export("csv"))
        assert tuple(rows[0]) == ALL_COLUMNS
        assert [(r["product"], r["valid_from"]) for r in rows] == [
            ("lakala-a8", (today() - dt.timedelta(days=30)).isoformat()),
            ("newland-me31", (today() - dt.timedelta(days=400)).isoformat()),
            ("newland-me31", (today() - dt.timedelta(days=30)).isoformat()),
        ]
        first = rows[0]
        assert first["credit_card_percent"] == "0.6000"
        assert first["debit_card_cap"] == "20.00"
        assert first["alipay_percent"] == ""
        assert first["contactless_limit"] == "1000.00"
        assert first["contactless_above_percent"] == "0.6000"
        assert first["promo_credit_card_percent"] == "0.3800"
        assert first["deposit"] == "99.00"
        assert first["is_estimate"] == "no"
        assert first["instant_available"] == "yes"

    def test_drafts_are_not_exported(self, catalog):
        from catalog import services

        plan = Plan.objects.get(product__slug="lakala-a8")
        services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=3))
        assert len(row_dicts(export("csv"))) == 3


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_export_reimports_unchanged(self, catalog, fmt):
        before = catalog_snapshot()
        result = import_file(export(fmt), fmt)
        assert not result.has_errors() and not result.has_validation_errors()
        assert [r.import_type for r in result.rows] == ["skip", "skip", "skip"]
        assert catalog_snapshot() == before

    def test_xlsx_with_numbers_and_dates_typed_as_cells(self, catalog):
        """A spreadsheet app turns text into numbers and dates; the import still reads them."""
        from openpyxl import Workbook

        rows = row_dicts(export("csv"))
        book = Workbook()
        sheet = book.active
        sheet.append(list(ALL_COLUMNS))
        for row in rows:
            values = []
            for column in ALL_COLUMNS:
                text = row[column]
                if column in {"valid_from", "valid_to", "verified_on"} and text:
                    values.append(dt.datetime.fromisoformat(text))
                elif text and column.endswith(("percent", "_cap", "deposit", "months")):
                    values.append(float(text))
                else:
                    values.append(text)
            sheet.append(values)
        buffer = io.BytesIO()
        book.save(buffer)
        before = catalog_snapshot()
        result = import_file(buffer.getvalue(), "xlsx")
        assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
        assert catalog_snapshot() == before


class TestImport:
    def test_new_and_changed_rows_are_applied(self, catalog):
        rows = row_dicts(export("csv"))
        new = dict(rows[0])
        new.update(
            product="newland-me31",
            name="秒到费率",
            valid_from=today().isoformat(),
            credit_card_percent="0.63",
            debit_card_cap="",
            promo_credit_card_percent="",
        )
        rows.append(new)
        rows[2]["credit_card_percent"] = "0.5900"  # plan in force: a correction

        result = import_file(to_csv(rows), "csv", reason="Agent's sheet of 2026-11")

        assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
        assert [r.import_type for r in result.rows] == ["skip", "skip", "update", "new"]
        created = Plan.objects.get(name="秒到费率")
        assert {(r.method, r.is_promo): r.percent for r in created.rates.all()} == {
            ("credit_card", False): D("0.63"),
            ("debit_card", False): D("0.50"),
            ("wechat", False): D("0.38"),
            ("contactless", False): D("0.38"),
        }
        assert created.rates.get(method="debit_card").cap is None
        assert not created.is_draft
        corrected = Plan.objects.current(on=today()).get(
            product__slug="newland-me31", name="标准费率"
        )
        rate = corrected.rates.get(method="credit_card")
        assert rate.percent == D("0.59")
        assert rate.history.first().history_change_reason == "Agent's sheet of 2026-11"

    def test_correcting_a_plan_in_force_needs_a_reason(self, catalog):
        rows = row_dicts(export("csv"))
        rows[0]["monthly_fee"] = "5"
        before = catalog_snapshot()
        result = import_file(to_csv(rows), "csv")
        assert result.has_validation_errors()
        (invalid,) = result.invalid_rows
        assert invalid.number == 1
        assert "Correction reason" in " ".join(invalid.non_field_specific_errors)
        assert catalog_snapshot() == before

    def test_empty_rate_columns_remove_a_rate_and_absent_ones_keep_it(self, catalog):
        rows = row_dicts(export("csv"))
        for column in ("wechat_percent", "wechat_fixed"):
            rows[0][column] = ""
        dropped = [{k: v for k, v in r.items() if not k.startswith("debit_card_")} for r in rows]
        result = import_file(to_csv(dropped), "csv", reason="WeChat Pay no longer offered")
        assert not result.has_validation_errors()
        plan = Plan.objects.get(product__slug="lakala-a8")
        methods = {r.method for r in plan.rates.all() if not r.is_promo}
        assert methods == {"credit_card", "debit_card", "contactless"}

    def test_one_bad_row_among_valid_ones_imports_nothing(self, catalog):
        rows = row_dicts(export("csv"))
        valid = dict(rows[0], name="新方案A", valid_from=today().isoformat())
        bad = dict(
            rows[0], name="新方案B", valid_from=today().isoformat(), credit_card_percent="abc"
        )
        also_valid = dict(rows[0], name="新方案C", valid_from=today().isoformat())
        before = catalog_snapshot()

        result = import_file(to_csv([valid, bad, also_valid]), "csv")

        assert result.has_validation_errors()
        (invalid,) = result.invalid_rows
        assert invalid.number == 2
        assert invalid.field_specific_errors == {
            "credit_card_percent": [
                "“abc” is not a number. Write it like 0.60: digits and a decimal point, "
                "without % or 元."
            ]
        }
        assert catalog_snapshot() == before
        assert not Plan.objects.filter(name__startswith="新方案").exists()

    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            ("credit_card_percent", "5.5", "Ensure this value is less than or equal to 5."),
            ("credit_card_percent", "0.12345", "“0.12345” has more than 4 decimal places."),
            ("debit_card_minimum", "30", "must not be below the minimum"),
            ("contactless_above_percent", "", "Give both the amount limit and the rate above it"),
            ("wechat_fixed", "-1", "“-1” is negative"),
            ("valid_to", "2026/13/01", "“2026/13/01” is not a date. Write it as YYYY-MM-DD"),
            ("is_estimate", "maybe", "“maybe” is neither yes nor no."),
            ("product", "no-such-terminal", "There is no product with the slug “no-such-terminal”"),
            ("deposit_refund_days", "", "Give both the refund volume and the days allowed"),
            ("sim_free_months", "1.5", "“1.5” is not a whole number."),
            ("source_url", "not a url", "Enter a valid URL."),
            ("alipay_cap", "5", "Give the rate here, or leave all the “alipay_…” columns empty"),
        ],
    )
    def test_errors_name_the_row_and_column_in_plain_words(self, catalog, column, value, message):
        rows = row_dicts(export("csv"))
        rows = [dict(rows[0], name="新方案", valid_from=today().isoformat())]
        rows[0][column] = value
        result = import_file(to_csv(rows), "csv")
        assert result.has_validation_errors()
        (invalid,) = result.invalid_rows
        texts = " ".join(
            [f"{c}: {m}" for c, ms in invalid.field_specific_errors.items() for m in ms]
            + list(invalid.non_field_specific_errors)
        )
        assert message in texts
        expected_column = {
            "debit_card_minimum": "debit_card_cap",
            "contactless_above_percent": "contactless_limit",
            "alipay_cap": "alipay_percent",
        }.get(column, column)
        if column != "deposit_refund_days":
            assert expected_column in invalid.field_specific_errors
        assert not Plan.objects.filter(name="新方案").exists()

    def test_a_file_without_the_key_columns_is_refused(self, catalog):
        result = import_file("name,credit_card_percent\n标准费率,0.6\n", "csv")
        assert result.has_errors()
        assert "The file has no column “product”, “valid_from”, “verified_on”" in str(
            result.base_errors[0].error
        )

    def test_overlapping_period_is_refused(self, catalog):
        rows = row_dicts(export("csv"))
        clash = dict(rows[2], valid_from=(today() - dt.timedelta(days=10)).isoformat())
        result = import_file(to_csv([clash]), "csv")
        assert result.has_validation_errors()
        assert "must not overlap" in " ".join(result.invalid_rows[0].non_field_specific_errors)


class TestAdminImport:
    @pytest.fixture
    def client(self, editor_client) -> Client:
        return editor_client

    def upload(
        self, client, content: bytes | str, fmt: int = 0, reason: str = "", lang: str = "en"
    ):
        name = "plans.csv" if fmt == 0 else "plans.xlsx"
        data = content.encode("utf-8") if isinstance(content, str) else content
        prefix = "/en" if lang == "en" else ""
        return client.post(
            f"{prefix}/admin/catalog/plan/import/",
            {
                "resource": "0",
                "format": str(fmt),
                "change_reason": reason,
                "import_file": _named(data, name),
            },
        )

    def test_preview_first_then_confirm(self, client, catalog):
        rows = row_dicts(export("csv"))
        rows.append(dict(rows[0], name="新方案", valid_from=today().isoformat()))
        before = catalog_snapshot()

        preview = self.upload(client, to_csv(rows))

        assert preview.status_code == 200
        text = preview.content.decode()
        assert "Confirm import" in text
        assert "Unchanged" in text and "New" in text
        assert catalog_snapshot() == before  # a preview changes nothing

        confirm = preview.context["confirm_form"]
        data = {name: confirm[name].value() for name in confirm.fields}
        done = client.post("/en/admin/catalog/plan/process_import/", data)
        assert done.status_code == 302
        assert Plan.objects.filter(name="新方案").count() == 1

    def test_bad_row_is_reported_and_nothing_can_be_confirmed(self, client, catalog):
        rows = row_dicts(export("csv"))
        rows.append(dict(rows[0], name="新方案", valid_from=today().isoformat()))
        rows.append(
            dict(rows[0], name="另一个", valid_from=today().isoformat(), debit_card_cap="二十")
        )
        before = catalog_snapshot()

        response = self.upload(client, to_csv(rows))

        assert response.status_code == 200
        text = response.content.decode()
        assert "Confirm import" not in text
        assert "Nothing can be imported" in text
        assert "Row 6, column “debit_card_cap”: “二十” is not a number." in text
        assert catalog_snapshot() == before

    def test_errors_are_in_chinese_on_the_chinese_admin(self, client, catalog):
        rows = row_dicts(export("csv"))
        rows = [dict(rows[0], name="新方案", valid_from="2026-02-30")]
        with translation.override("zh-hans"):
            response = self.upload(client, to_csv(rows), lang="zh-hans")
        text = response.content.decode()
        assert "第 2 行，“valid_from”列" in text
        assert "“2026-02-30”不是日期" in text

    def test_correction_reason_from_the_form_reaches_the_history(self, client, catalog):
        rows = row_dicts(export("csv"))
        rows[0]["credit_card_percent"] = "0.61"
        preview = self.upload(client, to_csv(rows), reason="Brand page updated")
        confirm = preview.context["confirm_form"]
        data = {name: confirm[name].value() for name in confirm.fields}
        assert data["change_reason"] == "Brand page updated"
        client.post("/en/admin/catalog/plan/process_import/", data)
        rate = Rate.objects.get(
            plan__product__slug="lakala-a8", method="credit_card", is_promo=False
        )
        assert rate.percent == D("0.61")
        assert rate.history.first().history_change_reason == "Brand page updated"

    @pytest.mark.parametrize("fmt", [0, 1])  # CSV (text) and xlsx (binary)
    def test_confirm_on_another_app_server_and_a_replayed_confirm(
        self, client, catalog, fmt, tmp_path, monkeypatch, settings
    ):
        """The file waits in the database (any app server finds it; no server's temporary
        folder is involved nor shown), and a confirm sent again gets a message, not a 500."""
        rows = row_dicts(export("csv"))
        rows.append(dict(rows[0], name="新方案", valid_from=today().isoformat()))
        content = to_csv(rows) if fmt == 0 else xlsx_of(rows)
        preview = self.upload(client, content, fmt=fmt)
        confirm = preview.context["confirm_form"]
        data = {name: confirm[name].value() for name in confirm.fields}
        assert "/" not in data["import_file_name"] and len(data["import_file_name"]) >= 32
        assert PendingImport.objects.filter(name=data["import_file_name"]).exists()
        # "Another app server": an empty temporary folder of its own.
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        done = client.post("/en/admin/catalog/plan/process_import/", data)
        assert done.status_code == 302
        assert Plan.objects.filter(name="新方案").count() == 1
        assert not PendingImport.objects.exists()
        replay = client.post("/en/admin/catalog/plan/process_import/", data, follow=True)
        assert replay.status_code == 200
        assert "already confirmed or has expired" in replay.content.decode()
        assert Plan.objects.filter(name="新方案").count() == 1  # imported once

    def test_admin_export_round_trips(self, client, catalog):
        form = client.get("/en/admin/catalog/plan/export/").context["form"]
        data = {"format": "0", "resource": "0"}
        data.update(
            {
                name: "on"
                for name, f in form.fields.items()
                if getattr(f, "is_selectable_field", False)
            }
        )
        response = client.post("/en/admin/catalog/plan/export/", data)
        assert response.status_code == 200
        content = response.content.decode("utf-8")
        assert content.splitlines()[0].startswith("product,name,valid_from,name_en")
        before = catalog_snapshot()
        preview = self.upload(client, content)
        assert "Confirm import" in preview.content.decode()
        assert all(r.import_type == "skip" for r in preview.context["result"].rows)
        assert catalog_snapshot() == before


def xlsx_of(rows: list[dict[str, str]]) -> bytes:
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append([row[k] for k in rows[0]])
    return dataset.export("xlsx")


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
