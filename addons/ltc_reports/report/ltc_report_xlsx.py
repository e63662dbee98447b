import datetime

from odoo import _, models
from odoo.exceptions import AccessError


class LtcReportTableXlsx(models.AbstractModel):
    """Any LTC report as a worksheet: the columns of `_ltc_columns` (fields of the report's model) with
    their labels in the user's language, numbers written as numbers, dates as dates."""

    _name = "report.ltc_reports.table_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "LTC Report as XLSX"

    _ltc_columns = ()

    def _ltc_sheet_name(self, records):
        """The report's name in the user's language (the model's description, translated)."""
        return self.env["ir.model"].with_context(lang=self.env.user.lang)._get(records._name).name or records._description

    def generate_xlsx_report(self, workbook, data, records):
        self._ltc_check_internal()
        records = records.with_context(lang=self.env.user.lang)
        columns = [name for name in self._ltc_columns if name in records._fields]
        self._ltc_write_table(workbook, self._ltc_sheet_name(records), records, columns)

    def _ltc_check_internal(self):
        """The reports are the company's internal figures: a portal user gets none, even of records the
        portal lets them read (their own contract's risk, its team)."""
        if not self.env.user._is_internal():
            raise AccessError(_("These reports are for the company's users."))

    def _ltc_formats(self, workbook):
        return {"header": workbook.add_format({"bold": True, "bg_color": "#EEEEEE"}),
                "money": workbook.add_format({"num_format": "#,##0.00"}),
                "float": workbook.add_format({"num_format": "0.00"}),
                "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
                "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})}

    def _ltc_write_table(self, workbook, title, records, columns):
        sheet = workbook.add_worksheet(title[:31])
        fmt = self._ltc_formats(workbook)
        labels = records.fields_get(columns, ["string"])
        columns = [name for name in columns if name in labels]  # fields the user may not read are left out
        sheet.write_row(0, 0, [labels[name]["string"] for name in columns], fmt["header"])
        for row, record in enumerate(records, start=1):
            for col, name in enumerate(columns):
                self._ltc_write_cell(sheet, row, col, record, record._fields[name], fmt)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, max(len(columns) - 1, 0), 18)
        return sheet

    def _ltc_write_cell(self, sheet, row, col, record, field, fmt):
        value = record[field.name]
        if field.type in ("monetary", "float", "integer"):
            style = fmt["money"] if field.type == "monetary" else fmt["float"] if field.type == "float" else None
            sheet.write_number(row, col, value or 0, style)
        elif field.type in ("date", "datetime"):
            if value:
                moment = value if field.type == "datetime" else datetime.datetime.combine(value, datetime.time())
                sheet.write_datetime(row, col, moment, fmt[field.type])
            else:
                sheet.write_blank(row, col, None)
        elif field.type == "many2one":  # named as read() names it, whoever may open the record
            sheet.write_string(row, col, value.sudo().display_name or "")
        elif field.type in ("many2many", "one2many"):
            sheet.write_string(row, col, ", ".join(value.sudo().mapped("display_name")))
        elif field.type == "selection":
            sheet.write_string(row, col, dict(field._description_selection(record.env)).get(value, "") if value else "")
        elif field.type == "boolean":
            sheet.write_boolean(row, col, bool(value))
        else:
            sheet.write_string(row, col, str(value or ""))


class LtcReportAgingXlsx(models.AbstractModel):
    _name = "report.ltc_reports.aging_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Receivable Aging XLSX"
    _ltc_columns = ("as_of", "partner_id", "move_id", "contract_id", "user_id", "team_id", "date_maturity",
                    "days_overdue", "bucket_id", "residual", "overdue_amount", "currency_id", "company_id")


class LtcReportFunnelXlsx(models.AbstractModel):
    _name = "report.ltc_reports.funnel_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Lead Funnel XLSX"
    _ltc_columns = ("lead_id", "date", "user_id", "team_id", "source_id", "medium_id", "campaign_id",
                    "product_line_ids", "mql_count", "sql_count", "opportunity_count", "won_count", "won_amount")

    def generate_xlsx_report(self, workbook, data, records):
        result = super().generate_xlsx_report(workbook, data, records)
        # the conversion per channel of the same rows
        records = records.with_context(lang=self.env.user.lang)
        sheet = workbook.add_worksheet(_("Conversion")[:31])
        fmt = self._ltc_formats(workbook)
        labels = records.fields_get(["source_id", "medium_id", "lead_count", "mql_count", "sql_count",
                                     "opportunity_count", "won_count", "won_amount", "mql_rate", "sql_rate",
                                     "opportunity_rate", "win_rate"], ["string"])
        keys = ["lead", "mql", "sql", "opportunity", "won", "won_amount", "mql_rate", "sql_rate",
                "opportunity_rate", "win_rate"]
        heads = ["source_id", "medium_id", "lead_count", "mql_count", "sql_count", "opportunity_count",
                 "won_count", "won_amount", "mql_rate", "sql_rate", "opportunity_rate", "win_rate"]
        sheet.write_row(0, 0, [labels[h]["string"] for h in heads], fmt["header"])
        rows = records._get_funnel([("id", "in", records.ids)], ["source_id", "medium_id"])
        for r, values in enumerate(rows, start=1):
            sheet.write_string(r, 0, values["source_id"].display_name or "")
            sheet.write_string(r, 1, values["medium_id"].display_name or "")
            for c, key in enumerate(keys, start=2):
                sheet.write_number(r, c, values[key], fmt["money"] if key == "won_amount" else fmt["float"])
        return result


class LtcReportCampaignXlsx(models.AbstractModel):
    _name = "report.ltc_reports.campaign_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Campaign ROI XLSX"
    _ltc_columns = ("campaign_id", "company_id", "cost", "lead_count", "opportunity_count", "won_count",
                    "won_amount", "collected_amount", "cost_per_lead", "cost_per_opportunity", "cost_per_win", "roi")


class LtcForecastSnapshotXlsx(models.AbstractModel):
    _name = "report.ltc_reports.forecast_snapshot_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Forecast Accuracy XLSX"
    _ltc_columns = ("date_from", "date_to", "user_id", "team_id", "target_amount", "commit_amount",
                    "best_case_amount", "weighted_amount", "pipeline_amount", "won_amount", "accuracy",
                    "achievement", "state")


class LtcReportPerformanceXlsx(models.AbstractModel):
    _name = "report.ltc_reports.performance_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Sales Performance XLSX"
    _ltc_columns = ("lead_id", "date", "user_id", "team_id", "outcome", "won_amount", "sales_cycle_days",
                    "lost_reason_id", "win_reason_id")


class LtcReportCreditXlsx(models.AbstractModel):
    _name = "report.ltc_reports.credit_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Iron-Triangle Credit XLSX"
    _ltc_columns = ("date", "user_id", "role", "share", "lead_id", "contract_id", "won_credit", "collected_credit")


class LtcReportCollectionXlsx(models.AbstractModel):
    _name = "report.ltc_reports.collection_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Planned vs Actual Collections XLSX"
    _ltc_columns = ("date", "kind", "partner_id", "contract_id", "plan_line_id", "move_id", "user_id",
                    "planned_amount", "collected_amount", "currency_id", "collected_company")


class LtcReportPoolXlsx(models.AbstractModel):
    _name = "report.ltc_reports.pool_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Pool Statistics XLSX"
    _ltc_columns = ("date", "pool_id", "user_id", "action", "reason", "hours_in_pool")


class LtcContractXlsx(models.AbstractModel):
    _name = "report.ltc_reports.contract_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Contracts XLSX"
    _ltc_columns = ("name", "partner_id", "user_id", "team_id", "state", "date_signed", "date_start", "date_end",
                    "amount_total", "currency_id", "risk_level", "ceiling_amount", "consumed_amount",
                    "remaining_amount")


class LtcPlanLineXlsx(models.AbstractModel):
    _name = "report.ltc_reports.plan_line_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Payment Plan Lines XLSX"
    _ltc_columns = ("contract_id", "name", "partner_id", "user_id", "date_planned", "date_due", "amount",
                    "amount_invoiced", "amount_paid", "amount_residual", "currency_id", "days_overdue",
                    "payment_state")


class LtcCommissionStatementXlsx(models.AbstractModel):
    _name = "report.ltc_reports.commission_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Commission Statements XLSX"
    _ltc_columns = ("name", "user_id", "date_from", "date_to", "base", "commission", "interest", "total")


class LtcPartnerCreditXlsx(models.AbstractModel):
    _name = "report.ltc_reports.partner_credit_xlsx"
    _inherit = "report.ltc_reports.table_xlsx"
    _description = "Customer Credit XLSX"
    _ltc_columns = ("display_name", "ltc_credit_rating", "credit_limit", "ltc_open_amount", "ltc_overdue_amount",
                    "ltc_overdue_ratio", "ltc_avg_days_late", "ltc_credit_available")
