from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class LtcRebateAgreement(models.Model):
    """返利协议: a customer earns a rebate on its cumulative posted sales in a period.

    Sales are read from posted customer invoices and credit notes (journal items), never typed in;
    the rebate used is read from the rebate lines of quotes and orders. Nothing here stores a figure.
    """

    _name = "ltc.rebate.agreement"
    _description = "Rebate Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, check_company=True, tracking=True, index=True,
        domain="[('is_company', '=', True)]",
    )
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Closed"), ("cancel", "Cancelled")],
        default="draft", required=True, tracking=True,
    )
    calculation = fields.Selection(
        [("retroactive", "Whole volume at the tier reached"), ("progressive", "Each band at its own rate")],
        default="retroactive", required=True,
    )
    max_redeem_percent = fields.Float(
        string="Max Redeem per Order (%)", default=10.0, required=True,
        help="A rebate redeemed on a quote cannot exceed this share of the quote's untaxed amount.",
    )
    tier_ids = fields.One2many("ltc.rebate.tier", "agreement_id", string="Tiers", copy=True)
    sales_amount = fields.Monetary(
        string="Posted Sales", compute="_compute_sales_amount",
        help="Untaxed posted invoices minus credit notes for the customer in the period.",
    )
    rebate_rate = fields.Float(string="Tier Rate (%)", compute="_compute_rebate")
    rebate_earned = fields.Monetary(compute="_compute_rebate")
    rebate_used = fields.Monetary(
        compute="_compute_rebate_used",
        help="Rebate already taken as discount lines on quotes and orders that are not cancelled.",
    )
    rebate_available = fields.Monetary(compute="_compute_rebate_used")
    rebate_line_ids = fields.One2many("sale.order.line", "rebate_agreement_id", string="Redemptions", readonly=True)

    @api.constrains("date_start", "date_end", "max_redeem_percent")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end < agreement.date_start:
                raise ValidationError(_("The rebate period of %s ends before it starts.", agreement.name))
            if not 0.0 < agreement.max_redeem_percent <= 100.0:
                raise ValidationError(_("The redeem cap of %s must be between 0 and 100 %%.", agreement.name))

    def _get_invoice_line_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("display_type", "=", "product"),
            ("move_id.commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("date", ">=", self.date_start),
            ("date", "<=", self.date_end),
        ]

    @api.depends("partner_id", "date_start", "date_end", "company_id")
    def _compute_sales_amount(self):
        aml = self.env["account.move.line"].sudo()
        for agreement in self:
            if not (agreement.partner_id and agreement.date_start and agreement.date_end):
                agreement.sales_amount = 0.0
                continue
            [balance] = aml._read_group(agreement._get_invoice_line_domain(), aggregates=["balance:sum"])[0]
            agreement.sales_amount = -(balance or 0.0)

    def _rebate_for(self, amount):
        """Rate reached and rebate earned on ``amount`` of cumulative sales."""
        self.ensure_one()
        tiers = self.tier_ids.sorted("min_amount")
        reached = tiers.filtered(lambda t: self.currency_id.compare_amounts(amount, t.min_amount) >= 0)
        if not reached or self.currency_id.compare_amounts(amount, 0.0) <= 0:
            return 0.0, 0.0
        if self.calculation == "retroactive":
            rate = reached[-1].rate
            return rate, self.currency_id.round(amount * rate / 100.0)
        earned = 0.0
        for index, tier in enumerate(reached):
            upper = tiers[index + 1].min_amount if index + 1 < len(tiers) else amount
            earned += (min(amount, upper) - tier.min_amount) * tier.rate / 100.0
        return reached[-1].rate, self.currency_id.round(earned)

    @api.depends("sales_amount", "tier_ids.min_amount", "tier_ids.rate", "calculation")
    def _compute_rebate(self):
        for agreement in self:
            agreement.rebate_rate, agreement.rebate_earned = agreement._rebate_for(agreement.sales_amount)

    @api.depends("rebate_earned", "rebate_line_ids.price_subtotal", "rebate_line_ids.state")
    def _compute_rebate_used(self):
        for agreement in self:
            used = 0.0
            for line in agreement.sudo().rebate_line_ids.filtered(lambda sol: sol.state != "cancel"):
                used += line.currency_id._convert(
                    -line.price_subtotal, agreement.currency_id, agreement.company_id,
                    line.order_id.date_order or fields.Date.context_today(self),
                )
            agreement.rebate_used = agreement.currency_id.round(used)
            agreement.rebate_available = agreement.rebate_earned - agreement.rebate_used

    def action_run(self):
        for agreement in self:
            if not agreement.tier_ids:
                raise UserError(_("Add at least one tier to %s before running it.", agreement.name))
        self.write({"state": "running"})

    def action_close(self):
        self.write({"state": "done"})

    def action_cancel(self):
        if self.rebate_line_ids.filtered(lambda sol: sol.state != "cancel"):
            raise UserError(_("This agreement has rebate lines on quotes or orders; remove them first."))
        self.write({"state": "cancel"})

    def action_draft(self):
        self.write({"state": "draft"})

    def action_view_invoices(self):
        self.ensure_one()
        moves = self.env["account.move.line"].search(self._get_invoice_line_domain()).move_id
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action.update({"domain": [("id", "in", moves.ids)], "context": {"create": False}})
        return action

    def _creation_message(self):
        # in this addon's words (mail's "%s created" takes the model name, untranslated while the
        # addon installs: its demo records would read "<English name> 创建")
        return _("Rebate agreement created")
