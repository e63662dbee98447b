from odoo import api, fields, models


class LtcContractVersion(models.Model):
    """A version of a contract's terms: v1 as signed, then one per applied amendment, each with its
    line-by-line diff against the previous one (as ltc_cpq keeps quote versions)."""

    _name = "ltc.contract.version"
    _description = "Contract Version"
    _order = "contract_id, version desc"
    _check_company_auto = True

    contract_id = fields.Many2one("ltc.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True)
    version = fields.Integer(required=True, readonly=True)
    name = fields.Char(compute="_compute_name", store=True)
    amendment_id = fields.Many2one("ltc.contract.amendment", readonly=True)
    reason = fields.Text(readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    date_start = fields.Date(readonly=True)
    date_end = fields.Date(readonly=True)
    amount_untaxed = fields.Monetary(readonly=True)
    amount_tax = fields.Monetary(string="Taxes", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
    line_ids = fields.One2many("ltc.contract.version.line", "version_id", string="Lines", readonly=True)
    diff_html = fields.Html(string="Changes", sanitize=True, readonly=True)

    _sql_constraints = [
        ("version_uniq", "unique(contract_id, version)", "A contract has one version per number."),
    ]

    @api.depends("contract_id.name", "version")
    def _compute_name(self):
        for version in self:
            version.name = f"{version.contract_id.name} v{version.version}"

    def _get_line_values(self):
        self.ensure_one()
        return [line._get_version_values() for line in self.line_ids]

