from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LtcProductRule(models.Model):
    """A configuration rule between products or categories: A requires B, or A excludes B."""

    _name = "ltc.product.rule"
    _description = "Product Configuration Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    rule_type = fields.Selection(
        [("requires", "Requires"), ("excludes", "Excludes")], required=True, default="requires",
    )
    product_tmpl_id = fields.Many2one(
        "product.template", string="If the quote has product", check_company=True, ondelete="cascade",
    )
    categ_id = fields.Many2one("product.category", string="If the quote has a product of category")
    target_product_tmpl_id = fields.Many2one(
        "product.template", string="Then product", check_company=True, ondelete="cascade",
    )
    target_categ_id = fields.Many2one("product.category", string="Then a product of category")
    message = fields.Char(translate=True, help="Extra explanation shown to the rep when the rule is broken.")

    @api.constrains("product_tmpl_id", "categ_id", "target_product_tmpl_id", "target_categ_id")
    def _check_sides(self):
        for rule in self:
            if bool(rule.product_tmpl_id) == bool(rule.categ_id):
                raise ValidationError(
                    _("Rule %(rule)s: choose either a product or a category as condition.", rule=rule.name)
                )
            if bool(rule.target_product_tmpl_id) == bool(rule.target_categ_id):
                raise ValidationError(
                    _("Rule %(rule)s: choose either a product or a category as target.", rule=rule.name)
                )
            if rule.product_tmpl_id and rule.product_tmpl_id == rule.target_product_tmpl_id:
                raise ValidationError(_("Rule %(rule)s: a product cannot require or exclude itself.", rule=rule.name))

    @staticmethod
    def _matches(product, template, categ):
        if template:
            return product.product_tmpl_id == template
        return product.categ_id.parent_path.startswith(categ.parent_path)

    def _condition_label(self):
        self.ensure_one()
        return self.product_tmpl_id.display_name or _("category %s", self.categ_id.display_name)

    def _target_label(self):
        self.ensure_one()
        return self.target_product_tmpl_id.display_name or _("category %s", self.target_categ_id.display_name)

    def _get_violations(self, products):
        """Messages for the rules in ``self`` that the set of ``products`` breaks."""
        messages = []
        for rule in self:
            triggers = products.filtered(lambda p, r=rule: r._matches(p, r.product_tmpl_id, r.categ_id))
            if not triggers:
                continue
            targets = (products - triggers).filtered(
                lambda p, r=rule: r._matches(p, r.target_product_tmpl_id, r.target_categ_id)
            )
            if rule.rule_type == "requires" and not targets:
                msg = _(
                    'Rule "%(rule)s": %(product)s requires %(target)s on the same quote.',
                    rule=rule.name, product=", ".join(triggers.mapped("display_name")),
                    target=rule._target_label(),
                )
            elif rule.rule_type == "excludes" and targets:
                msg = _(
                    'Rule "%(rule)s": %(product)s cannot be quoted together with %(target)s.',
                    rule=rule.name, product=", ".join(triggers.mapped("display_name")),
                    target=", ".join(targets.mapped("display_name")),
                )
            else:
                continue
            if rule.message:
                msg = f"{msg} {rule.message}"
            messages.append(msg)
        return messages
