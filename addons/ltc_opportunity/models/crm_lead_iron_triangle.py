from odoo import _, fields, models
from odoo.exceptions import UserError

_USER_DOMAIN = "[('share', '=', False)]"

ROLE_FIELDS = {
    "ar": "user_id",
    "sr": "solution_user_id",
    "fr": "fulfilment_user_id",
    "sponsor": "sponsor_user_id",
}


class CrmLead(models.Model):
    """Iron triangle (铁三角): AR = native owner ``user_id``, plus SR, FR and an optional sponsor.

    The three roles travel downstream: ltc_cpq copies them onto quotes and contracts.
    """

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    solution_user_id = fields.Many2one(
        "res.users", string="Solution Responsible (SR)", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Owns the solution: requirements, design, presentation and bid technical answer.",
    )
    fulfilment_user_id = fields.Many2one(
        "res.users", string="Fulfilment Responsible (FR)", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Owns delivery: deliverability, risks, project and contract execution.",
    )
    sponsor_user_id = fields.Many2one(
        "res.users", string="Sponsor", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Optional executive sponsor of the opportunity.",
    )
    shared_user_ids = fields.Many2many(
        "res.users", "crm_lead_ltc_shared_user_rel", "lead_id", "user_id",
        string="Shared Credit", domain=_USER_DOMAIN,
        help="Other account responsibles credited on this opportunity after a 'share' conflict ruling.",
    )
    handover_ids = fields.One2many("ltc.role.handover", "lead_id", string="Role Handovers", readonly=True)

    def _get_iron_triangle_users(self):
        """AR, SR, FR and sponsor of the opportunities in ``self``."""
        return self.user_id | self.solution_user_id | self.fulfilment_user_id | self.sponsor_user_id

    def _handover_role(self, role, new_user, reason):
        """Hand a role of the iron triangle over to ``new_user`` and keep the trace (who, when, why).

        The one place that changes a role on purpose; the handover wizard calls it.
        """
        if role not in ROLE_FIELDS:
            raise UserError(_("Unknown role %(role)s.", role=role))
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the handover."))
        if role != "sponsor" and not new_user:
            raise UserError(_("The account, solution and fulfilment responsibles cannot be left empty."))
        field_name = ROLE_FIELDS[role]
        role_label = dict(self.env["ltc.role.handover"]._fields["role"]._description_selection(self.env))[role]
        history = []
        for lead in self:
            old_user = lead[field_name]
            if old_user == new_user:
                raise UserError(_(
                    "%(user)s already is the %(role)s of %(lead)s.",
                    user=new_user.name or _("Nobody"), role=role_label, lead=lead.display_name,
                ))
            history.append({
                "lead_id": lead.id,
                "role": role,
                "from_user_id": old_user.id,
                "to_user_id": new_user.id,
                "reason": reason,
            })
        # trace first: a rep handing the AR role away loses access to the opportunity after the write
        handovers = self.env["ltc.role.handover"].create(history)
        for handover in handovers:
            handover.lead_id.message_post(body=_(
                "%(role)s handed over from %(old)s to %(new)s by %(by)s. Reason: %(reason)s",
                role=role_label, old=handover.from_user_id.name or _("nobody"),
                new=handover.to_user_id.name or _("nobody"), by=self.env.user.name, reason=reason,
            ))
        if new_user:
            self.message_subscribe(partner_ids=new_user.partner_id.ids)
        self.write({field_name: new_user.id})
        return handovers
