from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class LtcContractPortal(CustomerPortal):
    """The customer reads the contract on the portal and signs it online, as sale orders are signed
    (sale's ``portal_quote_accept``)."""

    @http.route(["/my/ltc_contracts/<int:contract_id>"], type="http", auth="public", website=True)
    def portal_ltc_contract_page(self, contract_id, access_token=None, **kw):
        try:
            contract_sudo = self._document_check_access("ltc.contract", contract_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = {"contract": contract_sudo, "token": access_token, "page_name": "ltc_contract",
                  "report_type": "html"}
        return request.render("ltc_contract.portal_ltc_contract_page", values)

    @http.route(["/my/ltc_contracts/<int:contract_id>/accept"], type="json", auth="public", website=True)
    def portal_ltc_contract_accept(self, contract_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            contract_sudo = self._document_check_access("ltc.contract", contract_id, access_token=access_token)
        except (AccessError, MissingError):
            return {"error": _("Invalid contract.")}
        if not contract_sudo._has_to_be_signed():
            return {"error": _("The contract is not waiting for your signature.")}
        if not signature:
            return {"error": _("Signature is missing.")}
        try:
            contract_sudo._ltc_portal_sign(name, signature)
        except UserError as error:
            return {"error": str(error)}
        contract_sudo.message_post(
            author_id=contract_sudo.partner_id.id if request.env.user._is_public()
            else request.env.user.partner_id.id,
            body=_("Contract signed online by %s", name), message_type="comment", subtype_xmlid="mail.mt_comment",
        )
        return {"force_refresh": True, "redirect_url": contract_sudo.get_portal_url(query_string="&message=sign_ok")}
