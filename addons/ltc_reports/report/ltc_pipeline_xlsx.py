from odoo import _, models


class LtcPipelineXlsx(models.AbstractModel):
    _name = "report.ltc_reports.pipeline_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "LTC Pipeline XLSX"

    def generate_xlsx_report(self, workbook, data, leads):
        sheet = workbook.add_worksheet(_("Pipeline"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        headers = [_("Name"), _("Customer"), _("Salesperson"), _("Stage"), _("Expected Revenue"),
                   _("Probability (%)"), _("Weighted")]
        sheet.write_row(0, 0, headers, bold)
        for row, lead in enumerate(leads, start=1):
            sheet.write_row(row, 0, [
                lead.name, lead.partner_id.display_name or lead.partner_name or "",
                lead.user_id.name or "", lead.stage_id.name or "",
            ])
            sheet.write_number(row, 4, lead.expected_revenue, money)
            sheet.write_number(row, 5, lead.probability)
            sheet.write_number(row, 6, lead.expected_revenue * lead.probability / 100.0, money)
        sheet.freeze_panes(1, 0)
