import base64
import io
import logging
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ltc_lead_import_line import IMPORT_STATUSES

_logger = logging.getLogger(__name__)

# column key → accepted header labels (English and Chinese, case-insensitive)
COLUMNS = {
    "name": ("Lead Name", "线索名称"),
    "partner_name": ("Company", "公司名称"),
    "contact_name": ("Contact", "联系人"),
    "email_from": ("Email", "邮箱"),
    "phone": ("Phone", "电话"),
    "country": ("Country Code", "国家代码"),
    "source": ("Source", "来源"),
    "medium": ("Medium", "媒介"),
    "campaign": ("Campaign", "营销活动"),
    "product_lines": ("Product Lines", "产品线"),
    "expected_revenue": ("Expected Revenue", "预计收入"),
    "description": ("Notes", "备注"),
}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BATCH = 2000
MERGE_FILL = ("email_from", "phone", "partner_name", "contact_name")


class LtcLeadImport(models.TransientModel):
    _name = "ltc.lead.import"
    _description = "Import Leads from XLSX"

    file = fields.Binary("Workbook (.xlsx)")
    filename = fields.Char()
    on_duplicate = fields.Selection(
        [("merge", "Merge into the existing lead"), ("skip", "Skip the row")], default="merge", required=True)
    pool_id = fields.Many2one("ltc.lead.pool", string="Put into Pool", domain=[("pool_type", "=", "lead")],
                              help="Imported leads go to this public pool, unowned.")
    source_id = fields.Many2one("utm.source", help="Used for rows that give no source.")
    medium_id = fields.Many2one("utm.medium", help="Used for rows that give no medium.")
    campaign_id = fields.Many2one("utm.campaign", help="Used for rows that give no campaign.")
    state = fields.Selection([("upload", "Upload"), ("done", "Done")], default="upload")
    line_ids = fields.One2many("ltc.lead.import.line", "import_id", string="Rows needing attention")
    created_count = fields.Integer(readonly=True)
    merged_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(readonly=True)
    rejected_count = fields.Integer(readonly=True)
    result_file = fields.Binary(readonly=True, attachment=False)
    result_filename = fields.Char(readonly=True)
    template_file = fields.Binary(readonly=True, attachment=False)

    # ------------------------------------------------------------------ template and result files
    def _download(self, field, filename):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field={field}&filename={filename}&download=true",
            "target": "self",
        }

    def action_download_template(self):
        import xlsxwriter  # noqa: PLC0415 - external dependency declared in the manifest

        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {"in_memory": True})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        sheet = book.add_worksheet(_("Leads"))
        labels = [f"{en} / {zh}" for en, zh in COLUMNS.values()]
        sheet.write_row(0, 0, labels, head)
        sheet.write_row(1, 0, ["ERP 升级项目", "深圳市腾飞科技有限公司", "李雷", "lilei@tengfei.cn", "138 0013 8000",
                               "CN", "Trade Show", "Event", "2026 Expo", "ERP,SVC", 500000, "展会名片"])
        sheet.set_column(0, len(labels) - 1, 22)
        sheet.freeze_panes(1, 0)
        help_sheet = book.add_worksheet(_("Help"))
        help_sheet.write_column(0, 0, [
            _("One lead per row. “Lead Name” is required; every other column is optional."),
            _("Email must look like name@domain.tld; phone needs at least 5 digits."),
            _("Country Code: ISO code such as CN; Product Lines: codes separated by commas."),
            _("Source / Medium / Campaign: names; unknown names are created."),
            _("Duplicates are found with the keys chosen in Settings (email, phone, company …)."),
        ])
        book.close()
        self.template_file = base64.b64encode(buf.getvalue())
        return self._download("template_file", "ltc_lead_import_template.xlsx")

    def action_download_result(self):
        self.ensure_one()
        if not self.result_file:
            raise UserError(_("Import a workbook first."))
        return self._download("result_file", self.result_filename)

    # ------------------------------------------------------------------ reading
    @api.model
    def _read_rows(self, content):
        """Rows of the first sheet as (row number, {column key: value}); raises on a bad file.

        Read with calamine (python-calamine, the reader pandas offers as its fast engine): openpyxl,
        in its read-only mode, spent a sixth of a 100,000-row import parsing the workbook, calamine a
        sixth of that. Cell values as openpyxl gives them: whole numbers as int, empty cells left out."""
        from python_calamine import CalamineWorkbook  # noqa: PLC0415

        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
            # from cell A1 whatever the first filled cell is: row numbers are the sheet's
            values = book.get_sheet_by_index(0).to_python(skip_empty_area=False) if book.sheet_names else []
        except Exception as exc:
            raise UserError(_("This file is not an XLSX workbook (%s). Download the template and fill it in.",
                              exc)) from exc
        header = values[0] if values else ()
        labels = {}
        for key, names in COLUMNS.items():
            for name in names:
                labels[name.lower()] = key
        col_keys = []
        for cell in header:
            text = str(cell or "").strip().lower()
            key = labels.get(text) or next((labels[p.strip()] for p in text.split("/") if p.strip() in labels), None)
            col_keys.append(key)
        if "name" not in col_keys:
            raise UserError(_("The first row must hold the column titles, with a “Lead Name” column. "
                              "Download the template to see them."))
        columns = [(i, key) for i, key in enumerate(col_keys) if key]
        result = []
        for number, cells in enumerate(values[1:], start=2):
            data = {}
            for i, key in columns:
                value = cells[i] if i < len(cells) else ""
                if value == "" or value is None:
                    continue
                if value.__class__ is float and value.is_integer():
                    value = int(value)
                data[key] = value
            result.append((number, data))
        return result

    # ------------------------------------------------------------------ import
    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the workbook to import."))
        self.env["crm.lead"].check_access("create")
        rows = self._read_rows(base64.b64decode(self.file))
        results = self._import_rows(rows)
        self._store_results(rows, results)
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Import Leads"),
        }

    def _import_rows(self, rows):
        """Validate, dedup and create. Returns {row number: (status, reason, lead id)}; every row gets one."""
        company = self.env.company
        Lead = self.env["crm.lead"]
        results = {}
        countries = {c.code.upper(): c for c in self.env["res.country"].search([])}
        lines = {pl.code.upper(): pl.id for pl in self.env["ltc.product.line"].search([]) if pl.code}
        utm_cache = {}

        def utm(model, name, default):
            if not name:
                return default.id or False
            key = (model, str(name).strip())
            if key not in utm_cache:
                rec = self.env[model].search([("name", "=", key[1])], limit=1) or self.env[model].create(
                    {"name": key[1]})
                utm_cache[key] = rec.id
            return utm_cache[key]

        prepared = []  # (row, vals, keys)
        for number, data in rows:
            if not data:
                results[number] = ("rejected", _("Empty row"), False)
                continue
            vals, error = self._prepare_lead_vals(data, countries, lines, company)
            if error:
                results[number] = ("rejected", error, False)
                continue
            vals["source_id"] = utm("utm.source", data.get("source"), self.source_id)
            vals["medium_id"] = utm("utm.medium", data.get("medium"), self.medium_id)
            vals["campaign_id"] = utm("utm.campaign", data.get("campaign"), self.campaign_id)
            country = countries.get(str(data.get("country", "")).strip().upper()) or company.country_id
            # the address is parsed once, for the lead's email fields and its dedup key
            email_values = Lead._ltc_email_values(vals.get("email_from"))
            keys = Lead._prepare_dedup_keys_vals(
                email=vals.get("email_from"), phone=vals.get("phone"), company=vals.get("partner_name"),
                contact=vals.get("contact_name"), project=vals["name"], country=country,
                email_normalized=email_values["email_normalized"])
            keys.update(email_values)
            prepared.append((number, vals, keys))

        dedup_fields = company._ltc_dedup_fields()
        existing = Lead.sudo()._ltc_find_duplicates([keys for __, __, keys in prepared], company)
        first_in_file = {}  # (key field, value) → row number of its first occurrence
        to_create = []      # (row, vals)
        merges = {}         # lead id → [(row, vals)]
        in_file_merges = {}  # first row → [(row, vals)]
        for number, vals, keys in prepared:
            match = next(((f, keys[f]) for f in dedup_fields if keys.get(f) and keys[f] in existing.get(f, {})), None)
            if match:
                lead_id = existing[match[0]][match[1]]
                if self.on_duplicate == "merge":
                    merges.setdefault(lead_id, []).append((number, vals))
                    results[number] = ("merged", Lead._ltc_duplicate_reason(match[0], lead_id), lead_id)
                else:
                    results[number] = ("skipped", Lead._ltc_duplicate_reason(match[0], lead_id), lead_id)
                continue
            first = next((first_in_file[(f, keys[f])] for f in dedup_fields
                          if keys.get(f) and (f, keys[f]) in first_in_file), None)
            if first:
                if self.on_duplicate == "merge":
                    in_file_merges.setdefault(first, []).append((number, vals))
                    results[number] = ("merged", _("Same lead as row %s of this file", first), None)
                else:
                    results[number] = ("skipped", _("Same lead as row %s of this file", first), None)
                continue
            for f in dedup_fields:
                if keys.get(f):
                    first_in_file[(f, keys[f])] = number
            to_create.append((number, vals))

        # rows merged into an earlier row of the file: fill its empty fields before creation; the other
        # rows keep the dedup keys and email fields computed above (the bulk create would compute them again)
        by_row = dict(to_create)
        for first, others in in_file_merges.items():
            for __, vals in others:
                self._fill_empty(by_row[first], vals)
        keys_by_row = {number: keys for number, __, keys in prepared}
        for number, vals in to_create:
            if number not in in_file_merges:
                vals.update(keys_by_row[number])

        # what crm would compute lead by lead (owner, team, stage), computed once for the whole file
        common = self._prepare_common_vals()
        for __, vals in to_create:
            for key, value in common.items():
                vals.setdefault(key, value)
        created = self._create_in_batches(to_create, results)
        for first, others in in_file_merges.items():
            lead_id = created.get(first)
            for number, __ in others:
                status, reason, __ = results[number]
                results[number] = (status, reason, lead_id) if lead_id else (
                    "rejected", _("Row %s it duplicates was rejected", first), False)
        self._merge_into_existing(merges)
        for number in {number for number, __ in rows} - results.keys():
            results[number] = ("rejected", _("Not imported"), False)
        return results

    @api.model
    def _prepare_lead_vals(self, data, countries, lines, company):
        """Row → crm.lead values, or an error message saying what is wrong with the row."""
        name = str(data.get("name") or "").strip()
        if not name:
            return None, _("“Lead Name” is empty")
        vals = {"name": name, "type": "lead", "company_id": company.id}
        for key in ("partner_name", "contact_name", "description"):
            if data.get(key):
                vals[key] = str(data[key]).strip()
        if data.get("email_from"):
            email = str(data["email_from"]).strip()
            if not EMAIL_RE.match(email):
                return None, _("“%s” is not an email address", email)
            vals["email_from"] = email
        if data.get("phone"):
            phone = str(data["phone"]).strip()
            if phone.endswith(".0"):  # numbers typed into a numeric cell
                phone = phone[:-2]
            if len(re.sub(r"\D", "", phone)) < 5:
                return None, _("“%s” is not a phone number", phone)
            vals["phone"] = phone
        if data.get("country"):
            country = countries.get(str(data["country"]).strip().upper())
            if not country:
                return None, _("Unknown country code “%s”", data["country"])
            vals["country_id"] = country.id
        if data.get("product_lines"):
            codes = [c.strip().upper() for c in re.split(r"[,，;；]", str(data["product_lines"])) if c.strip()]
            unknown = [c for c in codes if c not in lines]
            if unknown:
                return None, _("Unknown product line code(s): %s", ", ".join(unknown))
            vals["product_line_ids"] = [fields.Command.set([lines[c] for c in codes])]
        if data.get("expected_revenue") not in (None, ""):
            try:
                vals["expected_revenue"] = float(str(data["expected_revenue"]).replace(",", ""))
            except ValueError:
                return None, _("“%s” is not an amount", data["expected_revenue"])
            if vals["expected_revenue"] < 0:
                return None, _("The expected revenue cannot be negative")
        if self.pool_id:
            vals["pool_id"] = self.pool_id.id
            vals["user_id"] = False
        return vals, None

    def _prepare_common_vals(self):
        Lead = self.env["crm.lead"]
        user = self.env["res.users"] if self.pool_id else self.env.user
        team = self.env["crm.team"]._get_default_team_id(
            user_id=user.id or None, domain=[("company_id", "in", [False, self.env.company.id])])
        vals = {"user_id": user.id or False, "team_id": team.id or False}
        stage = Lead._stage_find(team_id=team.id or False, domain=[("fold", "=", False), ("is_won", "=", False)])
        if stage:
            vals["stage_id"] = stage.id
        return vals

    @api.model
    def _fill_empty(self, target, vals):
        for key in MERGE_FILL:
            if vals.get(key) and not target.get(key):
                target[key] = vals[key]
        if vals.get("description"):
            target["description"] = "\n".join(filter(None, [target.get("description"), vals["description"]]))

    def _create_in_batches(self, to_create, results):
        """Create leads BATCH rows at a time; a batch that fails is retried row by row so that one bad
        row never blocks or half-writes the others. Returns {row number: lead id}."""
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True)
        created = {}
        for start in range(0, len(to_create), BATCH):
            chunk = to_create[start:start + BATCH]
            try:
                with self.env.cr.savepoint():
                    leads = Lead._ltc_bulk_create([vals for __, vals in chunk])
                for (number, __), lead in zip(chunk, leads, strict=True):
                    created[number] = lead.id
                    results[number] = ("created", "", lead.id)
            except Exception:
                for number, vals in chunk:
                    try:
                        with self.env.cr.savepoint():
                            lead = Lead.create(vals)
                            lead.flush_recordset()
                        created[number] = lead.id
                        results[number] = ("created", "", lead.id)
                    except Exception as exc:
                        results[number] = ("rejected", str(exc).splitlines()[0][:200], False)
            self.env.invalidate_all()
        return created

    def _merge_into_existing(self, merges):
        """Fill the empty contact fields of existing leads and note the merged rows on them."""
        if not merges:
            return
        # duplicates are found across owners: the merge writes as superuser, after the rep's
        # create right was checked in action_import
        Lead = self.env["crm.lead"].sudo().with_context(tracking_disable=True)
        for lead in Lead.browse(list(merges)):
            target = {key: lead[key] for key in MERGE_FILL}
            target["description"] = False
            for __, vals in merges[lead.id]:
                self._fill_empty(target, vals)
            write_vals = {key: target[key] for key in MERGE_FILL if target[key] and not lead[key]}
            if write_vals:
                lead.write(write_vals)
        # one note per merged lead, in one batch
        self.env["mail.message"].sudo().create([{
            "model": "crm.lead", "res_id": lead_id, "message_type": "comment",
            "subtype_id": self.env.ref("mail.mt_note").id, "author_id": self.env.user.partner_id.id,
            "body": _("Merged from import rows %s", ", ".join(str(n) for n, __ in rows)),
        } for lead_id, rows in merges.items()])

    def _store_results(self, rows, results):
        import xlsxwriter  # noqa: PLC0415

        labels = dict(IMPORT_STATUSES)
        counts = {status: 0 for status, __ in IMPORT_STATUSES}
        for status, __, __ in results.values():
            counts[status] += 1
        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
        sheet = book.add_worksheet(_("Result"))
        sheet.write_row(0, 0, [_("Row"), _("Lead Name"), _("Result"), _("Reason"), _("Lead ID")])
        names = {number: data.get("name") for number, data in rows}
        for i, number in enumerate(sorted(results), start=1):
            status, reason, lead_id = results[number]
            # typed writes: write_row would guess the type of each of these cells
            sheet.write_number(i, 0, number)
            sheet.write_string(i, 1, str(names.get(number) or ""))
            sheet.write_string(i, 2, labels[status])
            if reason:
                sheet.write_string(i, 3, reason)
            if lead_id:
                sheet.write_number(i, 4, lead_id)
        book.close()
        attention = [
            {"import_id": self.id, "row": number, "name": str(names.get(number) or "")[:200], "status": status,
             "reason": reason, "lead_id": lead_id or False}
            for number, (status, reason, lead_id) in sorted(results.items()) if status != "created"
        ][:5000]
        self.line_ids.unlink()
        self.env["ltc.lead.import.line"].create(attention)
        self.write({
            "state": "done",
            "created_count": counts["created"], "merged_count": counts["merged"],
            "skipped_count": counts["skipped"], "rejected_count": counts["rejected"],
            "result_file": base64.b64encode(buf.getvalue()),
            "result_filename": f"{(self.filename or 'leads').rsplit('.', 1)[0]}_result.xlsx",
        })
        _logger.info("LTC lead import: %s", counts)

