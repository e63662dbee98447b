from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import float_compare, float_is_zero, format_amount, formatLang


class LtcQuoteVersion(models.Model):
    """报价版本: a numbered, frozen copy of a quotation taken each time it is sent.

    The quotation itself is always the live, latest version (the one on the portal); versions keep
    who sent it, when, why it was revised and what changed against the previous version.
    """

    _name = "ltc.quote.version"
    _description = "Quote Version"
    _order = "order_id, version desc"
    _check_company_auto = True

    order_id = fields.Many2one("sale.order", string="Quotation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True)
    version = fields.Integer(required=True, readonly=True)
    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Sent By", required=True, default=lambda self: self.env.user)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    reason = fields.Text(string="Why", help="Why the quotation was revised.")
    partner_id = fields.Many2one("res.partner", string="Customer")
    pricelist_id = fields.Many2one("product.pricelist")
    # versions are snapshots of one quote: their amounts never add up (no sum in lists or groups)
    amount_untaxed = fields.Monetary(aggregator=None)
    amount_tax = fields.Monetary(string="Taxes", aggregator=None)
    amount_total = fields.Monetary(string="Total", aggregator=None)
    max_discount = fields.Float(string="Max Discount (%)", aggregator=None)
    line_ids = fields.One2many("ltc.quote.version.line", "version_id", string="Lines")
    diff_html = fields.Html(string="Changes", sanitize=True, readonly=True)
    is_live = fields.Boolean(compute="_compute_is_live", help="The latest version: what the customer sees.")

    _sql_constraints = [
        ("version_uniq", "unique(order_id, version)", "A quotation has one version per number."),
    ]

    @api.depends("order_id.name", "version")
    def _compute_name(self):
        for version in self:
            version.name = f"{version.order_id.name} v{version.version}"

    @api.depends("order_id.version_ids")
    def _compute_is_live(self):
        for version in self:
            version.is_live = version.order_id.version_ids.sorted("version", reverse=True)[:1] == version

    @api.model
    def _line_key(self, vals):
        return (vals.get("display_type") or "", vals.get("product_id") or 0, (vals.get("name") or "").strip())

    @api.model
    def _diff_lines(self, old_lines, new_lines):
        """Compare two lists of line value dicts.

        :return: list of dicts ``{'change': 'added'|'removed'|'changed', 'label': str,
            'fields': [(field label, old, new, digits), ...]}``
        """
        qty_digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        discount_digits = self.env["decimal.precision"].precision_get("Discount")
        compared = [
            ("product_uom_qty", _("Quantity"), qty_digits),
            ("price_unit", _("Unit Price"), price_digits),
            ("discount", _("Discount (%)"), discount_digits),
            ("price_subtotal", _("Subtotal"), price_digits),
        ]
        old_by_key = {}
        for vals in old_lines:
            old_by_key.setdefault(self._line_key(vals), []).append(vals)
        changes = []
        for vals in new_lines:
            if vals.get("display_type"):
                continue
            label = (vals.get("name") or "").split("\n")[0]
            matches = old_by_key.get(self._line_key(vals))
            if not matches:
                changes.append({"change": "added", "label": label, "fields": [
                    (title, None, vals.get(fname) or 0.0, digits) for fname, title, digits in compared
                ]})
                continue
            old = matches.pop(0)
            diffs = [
                (title, old.get(fname) or 0.0, vals.get(fname) or 0.0, digits)
                for fname, title, digits in compared
                if float_compare(old.get(fname) or 0.0, vals.get(fname) or 0.0, precision_digits=digits)
            ]
            if diffs:
                changes.append({"change": "changed", "label": label, "fields": diffs})
        for remaining in old_by_key.values():
            for old in remaining:
                if old.get("display_type"):
                    continue
                changes.append({
                    "change": "removed", "label": (old.get("name") or "").split("\n")[0],
                    "fields": [(title, old.get(fname) or 0.0, None, digits) for fname, title, digits in compared],
                })
        return changes

    @api.model
    def _render_diff(self, changes, previous, current_vals):
        change_labels = {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}
        rows = []
        for change in changes:
            details = "; ".join(
                f"{title}: {self._format_value(old, digits)} → {self._format_value(new, digits)}"
                for title, old, new, digits in change["fields"]
            )
            rows.append(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (change_labels[change["change"]], change["label"], details)
            )
        currency = previous.currency_id
        if not float_is_zero(current_vals["amount_total"] - previous.amount_total,
                             precision_rounding=currency.rounding):
            rows.append(
                Markup("<tr><td>%s</td><td>%s</td><td>%s → %s</td></tr>")
                % (_("Changed"), _("Total"), format_amount(self.env, previous.amount_total, currency),
                   format_amount(self.env, current_vals["amount_total"], currency))
            )
        if not rows:
            return Markup("<p>%s</p>") % _("No change in lines, prices or discounts since v%s.", previous.version)
        header = Markup("<p>%s</p>") % _("Changes since v%s:", previous.version)
        head = Markup("<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>") % (
            _("Change"), _("Line"), _("Details"),
        )
        return header + Markup('<table class="table table-sm o_ltc_version_diff">') + head + Markup(
            "<tbody>") + Markup("").join(rows) + Markup("</tbody></table>")

    @api.model
    def _format_value(self, value, digits):
        return "—" if value is None else formatLang(self.env, value, digits=digits)

    def _get_line_values(self):
        self.ensure_one()
        return [
            {
                "display_type": line.display_type or "",
                "product_id": line.product_id.id,
                "name": line.name,
                "product_uom_qty": line.product_uom_qty,
                "price_unit": line.price_unit,
                "discount": line.discount,
                "price_subtotal": line.price_subtotal,
            }
            for line in self.line_ids
        ]
