from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Messages found by search (the chatter, the inbox): none of a lead whose contact details
        are masked for the user (crm.lead._get_mail_message_access for reads by id)."""
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        if doc_model == "crm.lead" and allowed:
            for lead_id in self.env["crm.lead"].browse(doc_dict)._masked_ids():
                allowed -= set(doc_dict[lead_id])
        return allowed
