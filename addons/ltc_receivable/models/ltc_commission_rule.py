from odoo import fields, models


class LtcCommissionRule(models.Model):
    """Commission rate on collected amounts (回款计提) by product category, sales team and contract
    type; the most specific rule that matches wins (then the sequence)."""

    _name = "ltc.commission.rule"
    _description = "Collection Commission Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    categ_id = fields.Many2one("product.category", string="Product Category")
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    type_id = fields.Many2one("ltc.contract.type", string="Contract Type")
    rate = fields.Float(string="Rate (%)", digits=(16, 4), required=True)

    def _ltc_match(self, categ, team, contract_type):
        """The rule of `self` (a company's rules) for a category, team and contract type, or an empty
        recordset: the one with the most criteria set that all match."""
        best, best_score = self.browse(), -1
        for rule in self:
            in_categ = not rule.categ_id or categ == rule.categ_id or bool(categ.search_count(
                [("id", "=", categ.id), ("id", "child_of", rule.categ_id.id)]))
            if not in_categ \
                    or (rule.team_id and rule.team_id != team) or (rule.type_id and rule.type_id != contract_type):
                continue
            score = bool(rule.categ_id) + bool(rule.team_id) + bool(rule.type_id)
            if score > best_score:
                best, best_score = rule, score
        return best
