from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..guard import check_guarded, may_write_guarded


class ResPartner(models.Model):
    _inherit = "res.partner"

    ltc_pool_id = fields.Many2one("ltc.lead.pool", string="Customer Pool", index="btree_not_null", tracking=True,
                                  domain=[("pool_type", "=", "customer")], copy=False)
    ltc_claimed_date = fields.Datetime("Claimed On", copy=False, readonly=True)
    ltc_last_follow_up_date = fields.Datetime("Last Follow-up", copy=False, readonly=True)

    def unlink(self):
        self.env["ltc.lead.pool.log"]._unlink_for_records(self)
        return super().unlink()

    @api.model
    def _ltc_guarded_fields(self):
        """Set by claims and follow-ups only (ltc_lead.guard)."""
        return {"ltc_claimed_date", "ltc_last_follow_up_date"}

    def _check_customer_pool_write(self, vals_list):
        """As for pooled leads: who owns a company of a customer pool changes only by claim and
        reclaim, or by the pool's managers."""
        if may_write_guarded(self.env):
            return
        pools = self.env["ltc.lead.pool"].sudo()
        for vals in vals_list:
            if not ({"user_id", "ltc_pool_id"} & set(vals)):
                continue
            if self:  # write
                for partner in self.sudo():
                    if ("user_id" in vals and partner.user_id.id != (vals["user_id"] or False)) or (
                            "ltc_pool_id" in vals and partner.ltc_pool_id.id != (vals["ltc_pool_id"] or False)):
                        pools |= partner.ltc_pool_id
                        if vals.get("ltc_pool_id"):
                            pools |= pools.browse(vals["ltc_pool_id"])
            elif vals.get("ltc_pool_id") and vals.get("user_id"):  # create, owned and pooled
                pools |= pools.browse(vals["ltc_pool_id"])
        for pool in pools:
            if not pool._is_manager(self.env.user):
                raise AccessError(_(
                    "Companies of customer pool “%s” change hands only by Claim: claim the company, "
                    "or ask a pool manager.", pool.name))

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        self.browse()._check_customer_pool_write(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        self._check_customer_pool_write([vals])
        return super().write(vals)

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if message.message_type in ("comment", "notification") and message.author_id:
            owned = self.filtered(lambda p: p.user_id and p.user_id.partner_id == message.author_id)
            if owned:
                owned.sudo().write({"ltc_last_follow_up_date": message.date or fields.Datetime.now()})
        return res

    def action_claim_customer(self):
        """A rep takes companies from a customer pool: same cap and cool-down as lead pools."""
        user = self.env.user
        partners = self.sudo()
        if not partners:
            return True
        self.env.cr.execute(SQL("SELECT id FROM res_partner WHERE id IN %s FOR UPDATE", tuple(partners.ids)))
        partners.invalidate_recordset(["user_id", "ltc_pool_id"])
        if taken := partners.filtered("user_id"):
            raise UserError(_("“%(name)s” already belongs to %(user)s.", name=taken[0].name, user=taken[0].user_id.name))
        if outside := partners.filtered(lambda p: not p.ltc_pool_id):
            raise UserError(_("“%s” is not in a customer pool.", outside[0].name))
        for pool in partners.ltc_pool_id:
            pool._lock_claimer(user)
            mine = partners.filtered(lambda p, pool=pool: p.ltc_pool_id == pool)
            pool._check_claim(user, mine)
            mine.write({"user_id": user.id, "ltc_claimed_date": fields.Datetime.now(),
                        "ltc_last_follow_up_date": False})
            pool._log(mine, "claim", user)
        return True


class LtcLeadPool(models.Model):
    _inherit = "ltc.lead.pool"

    def _reclaim_customers_batch(self, now, limit):
        """Companies of this customer pool — and, when it is its company's default customer pool, every
        owned company of that company not in a pool yet — with no won deal and no follow-up (on the
        company or on any of its leads; creation counts as the first touch) for N days lose their
        salesperson and return to the pool — one statement."""
        self.ensure_one()
        days = self.reclaim_no_follow_up_days
        if not days:
            return []
        self.env["res.partner"].flush_model()
        self.env["crm.lead"].flush_model()
        rows = self._reclaim_and_log(SQL("""
            WITH candidates AS (
                SELECT p.id, p.user_id,
                       GREATEST(p.ltc_last_follow_up_date, p.ltc_claimed_date, p.create_date,
                                (SELECT max(l.last_follow_up_date) FROM crm_lead l JOIN res_partner lp ON lp.id = l.partner_id
                                  WHERE lp.commercial_partner_id = p.id)) AS last_touch
                  FROM res_partner p
                 WHERE (p.ltc_pool_id = %(pool)s
                        OR (%(is_default)s AND p.ltc_pool_id IS NULL
                            AND (p.company_id = %(company)s OR p.company_id IS NULL)))
                   AND p.user_id IS NOT NULL AND p.is_company AND p.active
                   AND NOT EXISTS (SELECT 1 FROM crm_lead w JOIN crm_stage s ON s.id = w.stage_id
                                    JOIN res_partner wp ON wp.id = w.partner_id
                                    WHERE wp.commercial_partner_id = p.id AND s.is_won AND w.active)
            ), due AS (
                SELECT p.id, c.user_id, FLOOR(EXTRACT(EPOCH FROM (%(now)s - c.last_touch)) / 86400)::int AS idle
                  FROM candidates c JOIN res_partner p ON p.id = c.id
                 WHERE c.last_touch IS NULL OR c.last_touch <= %(limit_date)s
                 ORDER BY p.id
                 LIMIT %(limit)s
                   FOR UPDATE OF p SKIP LOCKED
            )
            UPDATE res_partner p
               SET user_id = NULL, ltc_pool_id = %(pool)s, ltc_claimed_date = NULL,
                   write_uid = %(uid)s, write_date = %(now)s
              FROM due WHERE p.id = due.id
         RETURNING p.id, due.user_id, COALESCE(due.idle, %(days)s) AS idle
        """, pool=self.id, now=now, limit_date=now - timedelta(days=days), limit=limit, uid=self.env.uid,
            days=days, company=self.company_id.id, is_default=self.company_id.ltc_customer_pool_id == self),
            "res.partner", "no_follow_up_customer", days, now)
        done = [(pid, uid, "no_follow_up_customer", idle, days) for pid, uid, idle in rows]
        if done:
            self.env["res.partner"].invalidate_model(
                ["user_id", "ltc_pool_id", "ltc_claimed_date", "write_uid", "write_date"])
            self._after_reclaim(done, "res.partner")
        return done
