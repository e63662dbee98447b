from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LtcContract(models.Model):
    _inherit = "ltc.contract"

    plan_line_ids = fields.One2many("ltc.payment.plan.line", "contract_id", string="Payment Plan", copy=False)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    plan_amount = fields.Monetary(string="Planned", compute="_compute_plan_figures", store=True,
                                  help="Sum of the payment plan lines, in the contract's currency.")
    amount_plan_invoiced = fields.Monetary(string="Invoiced by the Plan", compute="_compute_plan_figures",
                                           store=True)
    amount_collected = fields.Monetary(string="Collected", compute="_compute_plan_figures", store=True,
                                       help="Paid on the plan's invoices (less credit notes), from their "
                                            "reconciliation.")
    amount_outstanding = fields.Monetary(string="Outstanding", compute="_compute_plan_figures", store=True,
                                         help="Still due on the plan's posted invoices.")
    amount_outstanding_company = fields.Monetary(string="Outstanding (Company Currency)",
                                                 compute="_compute_plan_figures", store=True,
                                                 currency_field="company_currency_id")
    amount_overdue = fields.Monetary(string="Overdue", compute="_compute_amount_overdue",
                                     help="Due on the plan's invoices past their due date.")

    @api.depends("plan_line_ids.amount", "plan_line_ids.amount_invoiced", "plan_line_ids.amount_residual",
                 "plan_line_ids.amount_residual_company")
    def _compute_plan_figures(self):
        for contract in self:
            lines = contract.plan_line_ids
            contract.plan_amount = sum(lines.mapped("amount"))
            contract.amount_plan_invoiced = sum(lines.mapped("amount_invoiced"))
            contract.amount_outstanding = sum(lines.mapped("amount_residual"))
            contract.amount_collected = contract.amount_plan_invoiced - contract.amount_outstanding
            contract.amount_outstanding_company = sum(lines.mapped("amount_residual_company"))

    def _compute_amount_overdue(self):
        for contract in self:
            contract.amount_overdue = sum(contract.plan_line_ids.filtered("is_overdue").mapped("amount_residual"))

    def _check_plan_balanced(self):
        """The plan sums exactly to the contract total, in the contract's currency — before any invoice."""
        for contract in self:
            if not contract.plan_line_ids:
                continue
            planned = sum(contract.plan_line_ids.mapped("amount"))
            if contract.currency_id.compare_amounts(planned, contract.amount_total):
                raise UserError(_(
                    "The payment plan of contract %(contract)s sums to %(planned)s, its total is %(total)s: "
                    "change the lines not invoiced yet so that they add up to the total.",
                    contract=contract.name, planned=contract._ltc_format(planned),
                    total=contract._ltc_format(contract.amount_total)))

    def _ltc_format(self, amount):
        self.ensure_one()
        from odoo.tools import format_amount  # noqa: PLC0415
        return format_amount(self.env, amount, self.currency_id)

    def action_sign(self):
        self._check_plan_balanced()
        return super().action_sign()

    def _get_close_blockers(self):
        blockers = super()._get_close_blockers()
        for line in self.plan_line_ids:
            if line.payment_state != "paid":
                blockers.append(_("plan line %(line)s is not collected (%(state)s)", line=line.name,
                                  state=dict(line._fields["payment_state"]._description_selection(self.env)).get(
                                      line.payment_state)))
        return blockers

    @api.model
    def _ltc_risk_points(self, contract_ids):
        """A point for a contract with an overdue plan line."""
        points = super()._ltc_risk_points(contract_ids)
        groups = self.env["ltc.payment.plan.line"].sudo()._read_group(
            [("contract_id", "in", list(contract_ids)), ("is_overdue", "=", True)], ["contract_id"], ["__count"])
        for contract, __ in groups:
            points[contract.id] = points.get(contract.id, 0) + 1
        return points

    def _ltc_apply_plan_template(self, template):
        """The template's lines replace the plan lines not invoiced yet (the invoiced ones stay): date
        triggers on the start date, milestone and acceptance triggers on the last milestone."""
        self.ensure_one()
        invoiced = self.plan_line_ids.filtered("invoice_ids")
        if invoiced:
            raise UserError(_("Contract %s already has invoiced plan lines: change its plan line by line.", self.name))
        milestone = self.milestone_ids.sorted("date_planned")[-1:]
        commands = [fields.Command.delete(line.id) for line in self.plan_line_ids]
        for tline in template.line_ids:
            if tline.trigger in ("milestone", "acceptance") and not milestone:
                raise UserError(_("Template %(template)s triggers on a milestone: add the contract's milestones "
                                  "first.", template=template.name))
            commands.append(fields.Command.create({
                "sequence": tline.sequence, "name": tline.name, "kind": tline.kind, "percentage": tline.percentage,
                "trigger": tline.trigger, "delay_months": tline.delay_months, "payment_method": tline.payment_method,
                "milestone_id": milestone.id if tline.trigger in ("milestone", "acceptance") else False,
                "date_planned": (self.date_start or fields.Date.context_today(self)) if tline.trigger == "date"
                else False,
            }))
        self.write({"plan_line_ids": commands})
        return True

    def action_view_plan_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("ltc_plan_line_id.contract_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
