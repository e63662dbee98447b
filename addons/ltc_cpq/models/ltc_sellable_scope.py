from odoo import _, fields, models


class LtcSellableScope(models.Model):
    """可售范围: what may be sold to a customer, a customer category or on a pricelist.

    A scope applies to a quote when the customer, one of its tags or the quote's pricelist is listed.
    When at least one scope applies, every product line must be within one of the applicable scopes.
    A quote no scope applies to is not restricted.
    """

    _name = "ltc.sellable.scope"
    _description = "Sellable Scope"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    partner_ids = fields.Many2many(
        "res.partner", string="Customers", check_company=True,
        domain="[('is_company', '=', True)]",
    )
    partner_category_ids = fields.Many2many("res.partner.category", string="Customer Tags")
    pricelist_ids = fields.Many2many("product.pricelist", string="Pricelists", check_company=True)
    product_tmpl_ids = fields.Many2many("product.template", string="Products", check_company=True)
    product_categ_ids = fields.Many2many("product.category", string="Product Categories")
    note = fields.Text()

    def _get_scopes_for_order(self, order):
        """Active scopes of the order's company that apply to its customer or pricelist."""
        partner = order.partner_id.commercial_partner_id
        tags = order.partner_id.category_id | partner.category_id
        domain = [
            ("company_id", "in", [False, order.company_id.id]),
            "|", "|",
            ("partner_ids", "in", partner.ids),
            ("partner_category_ids", "in", tags.ids),
            ("pricelist_ids", "in", order.pricelist_id.ids),
        ]
        return self.sudo().search(domain)

    def _allows(self, product):
        """Whether ``product`` is within one of the scopes in ``self``."""
        for scope in self:
            if product.product_tmpl_id in scope.product_tmpl_ids:
                return True
            if any(product.categ_id.parent_path.startswith(c.parent_path) for c in scope.product_categ_ids):
                return True
        return False

    def _refusal_message(self, order, products):
        return _(
            "%(products)s cannot be sold to %(customer)s: outside the sellable scope %(scopes)s. "
            "Ask a sales manager to extend the scope or remove the line.",
            products=", ".join(products.mapped("display_name")),
            customer=order.partner_id.commercial_partner_id.display_name,
            scopes=", ".join(self.mapped("name")),
        )
