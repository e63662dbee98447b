import math

import pytz

from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded, may_write_guarded
from odoo.exceptions import UserError
from odoo.tools import float_compare

STATES = [("draft", "Draft"), ("planned", "Planned"), ("checked_in", "Checked In"), ("done", "Done"),
          ("cancelled", "Cancelled")]
EARTH_RADIUS_KM = 6371.0088
LOCKED_WHEN_CLOSED = {"partner_id", "user_id", "date_planned", "visit_type_id", "company_id"}


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres between two points given in decimal degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class LtcVisit(models.Model):
    _name = "ltc.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char("Subject", tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, tracking=True,
                                 check_company=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True,
                                            string="Account")
    lead_id = fields.Many2one("crm.lead", string="Lead / Opportunity", index="btree_not_null", check_company=True,
                              domain="[('partner_id', 'child_of', commercial_partner_id)]")
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, tracking=True,
                              default=lambda self: self.env.user, domain="[('share', '=', False)]")
    team_id = fields.Many2one("crm.team", string="Sales Team", index="btree_not_null", check_company=True,
                              compute="_compute_team_id", store=True, readonly=False)
    accompanied_user_id = fields.Many2one(
        "res.users", string="Accompanied By", index="btree_not_null", tracking=True,
        domain="[('share', '=', False)]", help="A manager who comes along on this visit (陪访).")
    visit_type_id = fields.Many2one("ltc.visit.type", check_company=True, tracking=True)
    date_planned = fields.Datetime("Planned For", index=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True,
                             tracking=True)
    check_in_time = fields.Datetime(readonly=True, copy=False)
    check_in_latitude = fields.Float(readonly=True, copy=False, digits=(10, 7))
    check_in_longitude = fields.Float(readonly=True, copy=False, digits=(10, 7))
    check_in_accuracy = fields.Float("Accuracy (m)", readonly=True, copy=False, digits=(10, 1))
    has_location = fields.Boolean("Located", readonly=True, copy=False,
                                  help="The check-in came with the phone's location.")
    distance_km = fields.Float("Distance (km)", readonly=True, copy=False, digits=(10, 3),
                               help="From the check-in location to the customer's stored coordinates.")
    is_off_site = fields.Boolean("Off Site", readonly=True, copy=False,
                                 help="Checked in farther from the customer than the company's threshold.")
    check_out_time = fields.Datetime(readonly=True, copy=False)
    duration_hours = fields.Float("Duration (h)", readonly=True, copy=False, digits=(6, 2))
    answer_ids = fields.One2many("ltc.visit.answer", "visit_id", string="SOP Answers", copy=False)
    summary = fields.Html("Visit Notes")
    next_step = fields.Text()
    next_step_date = fields.Date("Next Step By",
                                 help="At check-out, the next step becomes a to-do of the salesperson on the "
                                      "opportunity (or on the customer) due on this day.")
    follow_up_activity_id = fields.Many2one("mail.activity", string="Follow-up Activity", readonly=True, copy=False)
    # SFE figures: sums in the pivot (planned vs done, on-site rate)
    done_count = fields.Integer("Done", compute="_compute_counts", store=True, aggregator="sum")
    on_site_count = fields.Integer("On Site", compute="_compute_counts", store=True, aggregator="sum")

    @api.model
    def _ltc_guarded_fields(self):
        """Set by check-in, check-out and cancel only."""
        return {"state", "check_in_time", "check_in_latitude", "check_in_longitude", "check_in_accuracy",
                "has_location", "distance_km", "is_off_site", "check_out_time", "duration_hours"}

    @api.depends("user_id")
    def _compute_team_id(self):
        for visit in self:
            if not visit.team_id or visit.user_id not in visit.team_id.member_ids | visit.team_id.user_id:
                visit.team_id = visit.user_id.sale_team_id

    @api.depends("state", "is_off_site", "has_location")
    def _compute_counts(self):
        for visit in self:
            visit.done_count = int(visit.state == "done")
            visit.on_site_count = int(visit.state == "done" and visit.has_location and not visit.is_off_site)

    @api.depends("partner_id", "date_planned", "name")
    def _compute_display_name(self):
        for visit in self:
            when = visit.date_planned and fields.Date.to_string(fields.Datetime.context_timestamp(
                visit, visit.date_planned))
            visit.display_name = " · ".join(part for part in (visit.partner_id.name, visit.name, when) if part) \
                or _("New Visit")

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        vals_list = [{**vals, "state": "planned"} if vals.get("date_planned") and vals.get("state", "draft") == "draft"
                     else vals for vals in vals_list]
        visits = super(LtcVisit, guarded(self)).create(vals_list).with_env(self.env)
        visits.filtered("visit_type_id")._sync_answers()
        return visits

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        if set(vals) & LOCKED_WHEN_CLOSED and not may_write_guarded(self.env) \
                and self.filtered(lambda v: v.state in ("done", "cancelled")):
            raise UserError(_("A done or cancelled visit keeps its customer, salesperson, date and type."))
        if "date_planned" in vals and vals["date_planned"]:
            drafts = self.filtered(lambda v: v.state == "draft")
            if drafts:
                super(LtcVisit, guarded(drafts)).write({"state": "planned"})
        res = super().write(vals)
        if "visit_type_id" in vals:
            self._sync_answers()
        return res

    def _sync_answers(self):
        """One answer line per checklist item of the visit's type (items already there are kept)."""
        create = []
        for visit in self.filtered(lambda v: v.state not in ("done", "cancelled")):
            have = visit.answer_ids.question_id
            create += [{"visit_id": visit.id, "question_id": q.id}
                       for q in visit.visit_type_id.question_ids if q not in have]
        if create:
            self.env["ltc.visit.answer"].create(create)

    # ------------------------------------------------------------------ check-in / check-out
    def _customer_coordinates(self):
        """The visited contact's stored coordinates, else its company's; None when neither has any."""
        self.ensure_one()
        for partner in (self.partner_id, self.partner_id.commercial_partner_id):
            if partner.partner_latitude or partner.partner_longitude:
                return partner.partner_latitude, partner.partner_longitude
        return None

    def action_check_in(self, latitude=None, longitude=None, accuracy=None):
        """Check in at the customer: time, and the phone's location when given (the form's button
        reads it from the browser's geolocation), its distance to the customer and the off-site flag."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "planned"):
            raise UserError(_("Only a draft or planned visit can be checked in; this one is %s.",
                              dict(self._fields["state"]._description_selection(self.env))[self.state]))
        now = fields.Datetime.now()
        vals = {"state": "checked_in", "check_in_time": now, "has_location": False, "distance_km": 0.0,
                "is_off_site": False}
        if not self.date_planned:
            vals["date_planned"] = now
        if latitude is not None and longitude is not None:
            latitude, longitude = float(latitude), float(longitude)
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise UserError(_("The location sent by the phone is not valid (latitude %(lat)s, "
                                  "longitude %(lon)s): check in again.", lat=latitude, lon=longitude))
            vals.update(check_in_latitude=latitude, check_in_longitude=longitude,
                        check_in_accuracy=float(accuracy or 0.0), has_location=True)
            if coordinates := self._customer_coordinates():
                distance = haversine_km(latitude, longitude, *coordinates)
                vals["distance_km"] = distance
                vals["is_off_site"] = float_compare(
                    distance, self.company_id.ltc_visit_distance_threshold_km, precision_digits=3) > 0
        guarded(self).write(vals)
        return True

    def _check_answers(self):
        self.ensure_one()
        if not self.visit_type_id.require_answers:
            return
        missing = self.answer_ids.filtered(lambda a: a.required and not a.is_answered)
        if missing:
            raise UserError(_("Fill in the visit's required checklist items before checking out: %s",
                              ", ".join(missing.mapped("name"))))

    def action_check_out(self):
        """Check out: time and duration; the visit is shared on the customer's chatter and counts as
        the owner's follow-up of the customer and of the lead (pool reclamation)."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "checked_in":
            raise UserError(_("Check in before checking out."))
        self._check_answers()
        now = fields.Datetime.now()
        duration = max((now - self.check_in_time).total_seconds() / 3600.0, 0.0)
        guarded(self).write({"state": "done", "check_out_time": now, "duration_hours": duration})
        self._share_on_customer()
        self._register_follow_up(now)
        self._schedule_next_step()
        return True

    def action_cancel(self):
        visits = self.filtered(lambda v: v.state != "cancelled")
        visits.check_access("write")
        if visits.filtered(lambda v: v.state == "done"):
            raise UserError(_("A done visit cannot be cancelled."))
        guarded(visits).write({"state": "cancelled"})
        return True

    def _register_follow_up(self, when):
        """A done visit is its salesperson's follow-up of the account and of the lead they own."""
        for visit in self:
            account = visit.partner_id.commercial_partner_id.sudo()
            if account.user_id and account.user_id == visit.user_id:
                guarded(account).write({"ltc_last_follow_up_date": when})
            lead = visit.lead_id.sudo()
            if lead and lead.user_id == visit.user_id:
                lead._register_follow_up(when)

    def _schedule_next_step(self):
        """The visit's next step as a to-do of its salesperson on the lead, else on the account."""
        self.ensure_one()
        if not (self.next_step or "").strip():
            return
        target = self.lead_id or self.partner_id.commercial_partner_id
        activity = target.sudo().activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=self.next_step_date or fields.Date.context_today(self),
            summary=self.next_step.strip().splitlines()[0][:80], note=self.next_step, user_id=self.user_id.id)
        self.sudo().follow_up_activity_id = activity

    def _share_on_customer(self):
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "UTC")
        start = pytz.utc.localize(self.check_in_time).astimezone(tz)
        body = self.env["ir.qweb"]._render("ltc_key_account.visit_shared_message", {
            "visit": self, "start": start.strftime("%Y-%m-%d %H:%M"),
            "duration": f"{self.duration_hours:.2f}",
            "answers": self.answer_ids.filtered("is_answered"),
        })
        self.partner_id.sudo().message_post(
            body=body, author_id=self.env.user.partner_id.id, message_type="comment",
            subtype_xmlid="mail.mt_note")

    def action_open_map(self):
        self.ensure_one()
        if not self.has_location:
            raise UserError(_("This visit was checked in without a location."))
        return {
            "type": "ir.actions.act_url",
            "url": f"https://www.openstreetmap.org/?mlat={self.check_in_latitude}&mlon={self.check_in_longitude}"
                   f"#map=17/{self.check_in_latitude}/{self.check_in_longitude}",
            "target": "new",
        }
