from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..guard import guarded

LIFECYCLE_STATES = [
    ("raw", "Raw"),
    ("mql", "MQL"),
    ("sql", "SQL"),
    ("converted", "Converted"),
    ("invalid", "Invalid"),
]
# from → allowed targets (converted is reached by converting to an opportunity)
LIFECYCLE_TRANSITIONS = {
    "raw": {"mql", "sql", "invalid", "converted"},
    "mql": {"sql", "invalid", "converted", "raw"},
    "sql": {"invalid", "converted", "mql"},
    "invalid": {"raw"},
    "converted": set(),
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lifecycle_state = fields.Selection(
        LIFECYCLE_STATES, string="Lifecycle", default="raw", required=True, index=True, tracking=True,
        copy=False,
    )
    invalid_reason = fields.Text(copy=False, tracking=True)
    mql_date = fields.Datetime("MQL Date", copy=False, readonly=True)
    sql_date = fields.Datetime("SQL Date", copy=False, readonly=True)
    converted_date = fields.Datetime(copy=False, readonly=True)
    invalid_date = fields.Datetime(copy=False, readonly=True)
    first_follow_up_date = fields.Datetime(
        copy=False, readonly=True, help="First follow-up (note, message or done activity) logged by the owner.")
    last_follow_up_date = fields.Datetime(
        copy=False, readonly=True, index="btree_not_null",
        help="Last follow-up logged by the owner: pool reclamation counts from here.")
    first_response_hours = fields.Float(
        compute="_compute_first_response_hours", store=True, aggregator="avg",
        help="Hours from assignment to the owner's first logged follow-up.")
    is_converted = fields.Float(
        "Conversion Rate", compute="_compute_is_converted", store=True, aggregator="avg",
        help="1 for a converted lead, 0 otherwise: its average over a group is the conversion rate.")

    @api.depends("date_open", "first_follow_up_date")
    def _compute_first_response_hours(self):
        for lead in self:
            if lead.date_open and lead.first_follow_up_date and lead.first_follow_up_date >= lead.date_open:
                lead.first_response_hours = (lead.first_follow_up_date - lead.date_open).total_seconds() / 3600.0
            else:
                lead.first_response_hours = 0.0

    @api.depends("lifecycle_state")
    def _compute_is_converted(self):
        for lead in self:
            lead.is_converted = 1.0 if lead.lifecycle_state == "converted" else 0.0

    # ------------------------------------------------------------------ transitions
    def _set_lifecycle_state(self, state, reason=None):
        """The one rule for lifecycle moves: allowed transitions, date of each, reason for invalid."""
        labels = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        if state == "invalid" and not (reason or "").strip():
            raise UserError(_("Give the reason why the lead is invalid."))
        for lead in self:
            if lead.lifecycle_state == state:
                continue
            if state not in LIFECYCLE_TRANSITIONS[lead.lifecycle_state]:
                raise UserError(_(
                    "Lead “%(lead)s” cannot go from %(from)s to %(to)s.",
                    lead=lead.display_name, **{"from": labels[lead.lifecycle_state], "to": labels[state]},
                ))
        now = fields.Datetime.now()
        vals = {"lifecycle_state": state}
        if state in ("mql", "sql", "converted", "invalid"):
            vals[f"{state}_date"] = now
        if state == "invalid":
            vals["invalid_reason"] = reason.strip()
        elif state == "raw":
            vals["invalid_reason"] = False
        todo = self.filtered(lambda lead: lead.lifecycle_state != state)
        guarded(todo).write(vals)  # the lifecycle fields are guarded: this is their one writer
        return True

    def action_mark_mql(self):
        return self._set_lifecycle_state("mql")

    def action_mark_sql(self):
        return self._set_lifecycle_state("sql")

    def action_reopen(self):
        return self._set_lifecycle_state("raw")

    def action_mark_invalid(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark as Invalid"),
            "res_model": "ltc.lead.invalid.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_ids": self.ids},
        }

    def write(self, vals):
        """Becoming an opportunity is the conversion: the lifecycle move goes into that same write
        (crm's conversion writes each lead once; no second write per lead). It is added here, below
        the guard on lifecycle fields (crm_lead_pool), because the rule sets it, not the caller."""
        if vals.get("type") == "opportunity" and "lifecycle_state" not in vals and self and all(
            lead.type != "opportunity" and "converted" in LIFECYCLE_TRANSITIONS[lead.lifecycle_state]
            for lead in self
        ):
            vals = {**vals, "lifecycle_state": "converted", "converted_date": fields.Datetime.now()}
        return super().write(vals)

    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        res = super().convert_opportunity(partner, user_ids=user_ids, team_id=team_id)
        # leads crm did not convert (archived, won) and leads that cannot be converted say so here
        self.filtered(lambda lead: lead.lifecycle_state != "converted")._set_lifecycle_state("converted")
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("type") == "opportunity" and "lifecycle_state" not in vals:
                vals["lifecycle_state"] = "converted"
                vals.setdefault("converted_date", fields.Datetime.now())
        return super().create(vals_list)

    # ------------------------------------------------------------------ follow-ups
    def _message_post_after_hook(self, message, msg_vals):
        """A note, message or done activity by the owner counts as a follow-up."""
        res = super()._message_post_after_hook(message, msg_vals)
        if message.message_type in ("comment", "notification") and message.author_id:
            owned = self.filtered(lambda lead: lead.user_id and lead.user_id.partner_id == message.author_id)
            if owned:
                owned._register_follow_up(message.date or fields.Datetime.now())
        return res

    def _register_follow_up(self, when):
        first = self.filtered(lambda lead: not lead.first_follow_up_date)
        first.sudo().write({"first_follow_up_date": when, "last_follow_up_date": when})
        (self - first).sudo().write({"last_follow_up_date": when})
