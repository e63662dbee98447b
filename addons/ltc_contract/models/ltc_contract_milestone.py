from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class LtcContractMilestone(models.Model):
    """A milestone of the execution tracking sheet (合同执行跟踪表).

    ``is_late`` follows the dates as they are edited; the passage of time is the scheduled action's
    job (``_cron_mark_late_milestones``), which also raises the contract's risk level.
    """

    _name = "ltc.contract.milestone"
    _description = "Contract Milestone"
    _order = "contract_id, date_planned, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ltc.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    name = fields.Char(required=True)
    date_planned = fields.Date(string="Planned Date", required=True)
    date_done = fields.Date(string="Done Date", copy=False)
    user_id = fields.Many2one(
        "res.users", string="Responsible", domain="[('share', '=', False)]",
        compute="_compute_user_id", store=True, readonly=False, precompute=True,
        help="The fulfilment responsible (FR) of the contract by default.",
    )
    acceptance_document = fields.Binary(attachment=True, copy=False)
    acceptance_document_name = fields.Char(copy=False)
    is_late = fields.Boolean(string="Late", readonly=True, copy=False, index=True,
                             help="Past its planned date and not done (checked every day).")
    contract_state = fields.Selection(related="contract_id.state")


    def init(self):
        # the cron's look-up: open milestones not yet marked late, a contract's together
        self.env.cr.execute(SQL(
            "DROP INDEX IF EXISTS ltc_contract_milestone_open_idx; "
            "CREATE INDEX IF NOT EXISTS ltc_contract_milestone_open_contract_idx ON ltc_contract_milestone "
            "(contract_id, date_planned, id) WHERE date_done IS NULL AND is_late IS NOT TRUE"
        ))

    @api.depends("contract_id.fulfilment_user_id")
    def _compute_user_id(self):
        for milestone in self:
            if not milestone.user_id:
                milestone.user_id = milestone.contract_id.fulfilment_user_id or milestone.contract_id.user_id

    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["ltc.contract"].browse({v["contract_id"] for v in vals_list if v.get("contract_id")})
        self._check_contract_open(contracts)
        for vals in vals_list:
            vals.pop("is_late", None)
        milestones = super().create(vals_list)
        milestones._refresh_late()
        return milestones

    def write(self, vals):
        if "is_late" in vals and not self.env["ltc.contract"]._ltc_trusted():
            raise UserError(_("Whether a milestone is late follows its dates; it is not typed."))
        if "contract_id" in vals:
            raise UserError(_("A milestone stays on its contract."))
        self._check_contract_open(self.contract_id)
        res = super().write(vals)
        if {"date_planned", "date_done"} & set(vals):
            self._refresh_late()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_if_contract_open(self):
        self._check_contract_open(self.contract_id)

    def unlink(self):
        contracts = self.contract_id
        res = super().unlink()
        self.env["ltc.contract"]._update_risk(contracts.ids)
        return res

    @api.model
    def _check_contract_open(self, contracts):
        for contract in contracts:
            if contract.state in ("closed", "evaluated", "terminated"):
                raise UserError(_("Contract %(name)s is %(state)s: its milestones are kept as they are.",
                                  name=contract.name, state=contract._state_label()))

    def _refresh_late(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            late = not milestone.date_done and milestone.date_planned < today
            if late != milestone.is_late:
                super(LtcContractMilestone, milestone).write({"is_late": late})
        return self.env["ltc.contract"]._update_risk(self.contract_id.ids)

    def action_done(self):
        """Mark the milestone done today (or keep the done date already entered)."""
        for milestone in self:
            if not milestone.date_done:
                milestone.date_done = fields.Date.context_today(self)
        return True

    @api.model
    def _cron_mark_late_milestones(self, batch_size=5000):
        """Scheduled action: one batch per call; the cron framework commits and calls again while
        ``remaining`` is reported (``ir.cron._notify_progress``).

        The batch marks the milestones past their planned date (in the cron user's time zone) in one
        UPDATE over rows taken FOR UPDATE SKIP LOCKED (two workers can run it at once), schedules an
        activity for each responsible in one create, and updates the risk of their contracts.
        Running it again finds nothing more to do. Returns the number of milestones marked.
        """
        today = fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(SQL(
            """
            WITH batch AS (
                SELECT id FROM ltc_contract_milestone
                 WHERE date_done IS NULL AND is_late IS NOT TRUE AND date_planned < %(today)s
                 ORDER BY contract_id, date_planned, id
                 LIMIT %(limit)s
                   FOR UPDATE SKIP LOCKED
            )
            UPDATE ltc_contract_milestone m SET is_late = TRUE
              FROM batch WHERE m.id = batch.id
            RETURNING m.id, m.contract_id, m.user_id, m.name, m.date_planned
            """,
            today=today, limit=batch_size,
        ))
        rows = self.env.cr.fetchall()
        self.invalidate_model(["is_late"])
        if rows:
            self._schedule_late_activities(rows, today)
            self.env["ltc.contract"]._update_risk(list({row[1] for row in rows}))
        remaining = 1 if len(rows) >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=remaining)
        return len(rows)

    @api.model
    def _schedule_late_activities(self, rows, today):
        """One activity per contract and responsible for the milestones of this batch (a batch takes a
        contract's milestones together), its summary naming them; texts translated once per batch."""
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        if not activity_type:
            return
        model_id = self.env["ir.model"]._get_id("ltc.contract")
        summary = _("Late milestone: %s")
        grouped = {}
        for _milestone_id, contract_id, user_id, name, _date_planned in rows:
            grouped.setdefault((contract_id, user_id or self.env.uid), []).append(name)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create([{
            "res_model_id": model_id, "res_id": contract_id, "activity_type_id": activity_type.id,
            "user_id": user_id, "summary": summary % ", ".join(names), "date_deadline": today,
        } for (contract_id, user_id), names in grouped.items()])
