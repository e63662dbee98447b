from odoo import fields, models


class LtcContractType(models.Model):
    """Contract types: order contracts, framework agreements, and the types a company adds
    (service, three-party ...), each behaving as one of the two kinds."""

    _name = "ltc.contract.type"
    _description = "Contract Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("order", "Order Contract"), ("framework", "Framework Agreement")], required=True, default="order",
        help="Framework agreements set prices and a ceiling for a period; orders and order contracts "
        "call off against them.",
    )
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)
