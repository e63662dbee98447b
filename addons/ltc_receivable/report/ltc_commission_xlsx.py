from odoo import _, models


class LtcCommissionXlsx(models.AbstractModel):
    _name = "report.ltc_receivable.commission_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "LTC Collection Commission XLSX"

    def generate_xlsx_report(self, workbook, data, statements):
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet = workbook.add_worksheet(_("Commission"))
        headers = [_("Salesperson"), _("Contract"), _("Plan Line"), _("Collected On"), _("Plan Date"),
                   _("Days Late (−Early)"), _("Collected"), _("Role Share (%)"), _("Base (Share)"), _("Commission"),
                   _("Bonus / Penalty"), _("Total")]
        sheet.write_row(0, 0, headers, bold)
        row = 1
        for statement in statements:
            for line in statement.line_ids:
                sheet.write(row, 0, statement.user_id.name)
                sheet.write(row, 1, line.contract_id.name or "")
                sheet.write(row, 2, line.plan_line_id.name or "")
                sheet.write_datetime(row, 3, line.date_collected, day) if line.date_collected else None
                sheet.write_datetime(row, 4, line.date_reference, day) if line.date_reference else None
                sheet.write_number(row, 5, line.days)
                sheet.write_number(row, 6, line.collected, money)
                sheet.write_number(row, 7, line.share)
                sheet.write_number(row, 8, line.base, money)
                sheet.write_number(row, 9, line.commission, money)
                sheet.write_number(row, 10, line.interest, money)
                sheet.write_number(row, 11, line.commission + line.interest, money)
                row += 1
        sheet.freeze_panes(1, 0)
